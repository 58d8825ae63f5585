import LoRAModules

/// `_maybe_include_all_linear_layers` and the condensation of long target lists
/// (`MIN_TARGET_MODULES_FOR_OPTIMIZATION`).
extension Planner {
  /// `_maybe_include_all_linear_layers`: replaces the shorthand by full names. Returns true when it did.
  func expandAllLinear(_ config: inout LoraConfig) -> Bool {
    guard config.targetModules?.isAllLinear == true else { return false }
    var excluded = Set<String>()
    if context.info.isPreTrainedModel {
      if let output = context.info.outputEmbeddings {
        excluded.insert(output)
      } else if config.taskType == "SEQ_CLS" {
        if let head = ["score", "classifier"].first(where: { tree.contains($0) }) { excluded.insert(head) }
      }
    }
    var names: [String] = []
    walkModules { module, position in
      guard !excluded.contains(module.path) else { return }
      switch position {
      case .inside: return
      case .tunerLayer:
        if let cls = context.tunerLayers[module.path], cls.hasPrefix("lora."), cls.dropFirst(5).contains("Linear") {
          names.append(module.path)
        }
      case .outside:
        if module.kind.isLinearLike { names.append(module.path) }
      }
    }
    config.targetModules = .names(names)
    return true
  }

  /// `MIN_TARGET_MODULES_FOR_OPTIMIZATION`: lists of >= 20 names are condensed to minimal suffixes.
  func condense(_ config: inout LoraConfig) throws(PeftError) {
    guard case .names(let names) = config.targetModules, names.count >= 20 else { return }
    let set = NameSet(names)
    let others = tree.modules.lazy.map(\.path).filter {
      !set.contains(NameKey($0)) && TargetMatcher.suffixHit($0, set) == nil
    }
    let minimal = try findMinimalTargetModules(names, others: Array(others))
    if minimal.count < names.count { config.targetModules = .names(minimal) }
  }
}
