import LoRAModules

/// `skip_frozen` (a lora-spec extension): the matched set minus the frozen modules, as an
/// explicit list of full names — a config real PEFT accepts.
extension Planner {
  func planSkippingFrozen(_ requested: LoraConfig, adapterName: String, isFirst: Bool) throws(PeftError)
    -> InjectionPlan
  {
    var plain = requested
    plain.skipFrozen = false
    var scratch: [PeftWarning] = []
    let (_, allLinear, matcher) = try resolve(plain, adapterName: adapterName, isFirst: isFirst, &scratch)
    let frozen = FrozenModules(context.original ?? tree)
    let decided = decide(matcher, allLinear: allLinear)
    var kept: [String] = []
    var skipped: Set<String> = []
    var reasons: [String: MatchDecision] = [:]
    for (module, decision) in decided where decision.isAdapted {
      if frozen.contains(module.path) {
        skipped.insert(module.path)
      } else {
        kept.append(module.path)
        reasons[module.path] = decision
      }
    }
    var explicit = plain
    explicit.targetModules = .names(kept)
    var result = try plan(config: explicit, adapterName: adapterName, isFirst: isFirst)
    result.requestedConfig = requested
    result.skippedFrozen = decided.map(\.0.path).filter { skipped.contains($0) }
    for i in result.decisions.indices {
      let path = result.decisions[i].path
      if skipped.contains(path) {
        result.decisions[i].decision = .skippedFrozen
      } else if let reason = reasons[path], result.decisions[i].decision.isAdapted {
        result.decisions[i].decision = reason
      }
    }
    return result
  }
}
