import LoRAModules

/// PEFT 0.21's `get_peft_model` / `inject_adapter` steps for one adapter, as a pure
/// function of the model and the config. One pass over the modules; regexes and name
/// sets are compiled once (see ``TargetMatcher``).
struct Planner {
  let context: PlanningContext

  var tree: ModuleTree { context.tree }

  // MARK: Entry points

  func plan(config requested: LoraConfig, adapterName: String, isFirst: Bool) throws(PeftError) -> InjectionPlan {
    try requested.validate()
    if requested.skipFrozen { return try planSkippingFrozen(requested, adapterName: adapterName, isFirst: isFirst) }
    var warnings: [PeftWarning] = []
    var (config, allLinear, matcher) = try resolve(requested, adapterName: adapterName, isFirst: isFirst, &warnings)
    var decisions: [ModuleDecision] = []
    decisions.reserveCapacity(tree.modules.count)
    var layers: [PlannedLayer] = []
    var excludedCount = 0
    var unmatchedCount = 0
    for (module, decision) in decide(matcher, allLinear: allLinear) {
      decisions.append(ModuleDecision(path: module.path, typeName: module.typeName, decision: decision))
      switch decision.outcome {
      case .excluded: excludedCount += 1
      case .unmatched: unmatchedCount += 1
      case .skipped: break
      case .matched:
        layers.append(try makeLayer(module, config: &config, warnings: &warnings))
      }
    }
    let parameterLayers = try planParameters(config, moduleLayers: layers)
    try checkOutcome(
      config, targeted: layers, parameters: parameterLayers, excluded: excludedCount, unmatched: unmatchedCount,
      warnings: &warnings)
    let mts = try modulesToSave(config, layers: layers, adapterName: adapterName)
    return InjectionPlan(
      adapterName: adapterName, requestedConfig: requested, config: config, decisions: decisions, layers: layers,
      parameterLayers: parameterLayers, modulesToSave: mts, warnings: warnings, skippedFrozen: [])
  }

  /// PEFT's sequence before any module is decided, written once: complete the config
  /// (`_prepare_adapter_config`), expand `all-linear`, condense long name lists, compile the matcher.
  func resolve(
    _ requested: LoraConfig, adapterName: String, isFirst: Bool, _ warnings: inout [PeftWarning]
  ) throws(PeftError) -> (config: LoraConfig, allLinear: Bool, matcher: TargetMatcher) {
    var config = try prepare(requested, adapterName: adapterName, isFirst: isFirst, warnings: &warnings)
    let allLinear = expandAllLinear(&config)
    try condense(&config)
    return (config, allLinear, try TargetMatcher(config: config, allLinear: allLinear))
  }

  /// The decisions alone, never raising for module-level problems.
  func decisions(config requested: LoraConfig) throws(PeftError) -> [ModuleDecision] {
    var warnings: [PeftWarning] = []
    let (_, allLinear, matcher) = try resolve(requested, adapterName: "default", isFirst: true, &warnings)
    return decide(matcher, allLinear: allLinear).map { module, decision in
      var d = decision
      if d.isAdapted, unsupportedTypeName(module) != nil { d = .unsupported(typeName: module.typeName) }
      return ModuleDecision(path: module.path, typeName: module.typeName, decision: d)
    }
  }
}
