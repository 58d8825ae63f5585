import LoRAModules

/// `check_target_module_exists` over the whole model.
extension Planner {
  /// `check_target_module_exists` for every module but the root; keys inside existing
  /// tuner layers are skipped as PEFT skips them.
  func decide(_ matcher: TargetMatcher, allLinear: Bool) -> [(Module, MatchDecision)] {
    var out: [(Module, MatchDecision)] = []
    out.reserveCapacity(tree.modules.count)
    let output = allLinear && context.info.isPreTrainedModel ? context.info.outputEmbeddings : nil
    walkModules { module, position in
      if case .inside(let layer) = position {
        out.append((module, .adapterInternal(layer: layer)))
        return
      }
      var decision = matcher.decide(module.path)
      if case .notTargeted = decision, module.path == output { decision = .allLinearOutputLayer }
      out.append((module, decision))
    }
    return out
  }
}
