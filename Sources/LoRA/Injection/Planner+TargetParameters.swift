import LoRAModules

/// `target_parameters`: LoRA on bare `nn.Parameter`s (`lora.ParamWrapper`).
extension Planner {
  func planParameters(_ config: LoraConfig, moduleLayers: [PlannedLayer]) throws(PeftError) -> [PlannedLayer] {
    guard let targets = config.targetParameters, !targets.isEmpty else { return [] }
    let names = NameSet(targets)
    let wrapped = Set(moduleLayers.map(\.path))
    var out: [PlannedLayer] = []
    try walkModules(includingRoot: true) { (module, position) throws(PeftError) in
      if case .inside = position { return }
      let isTunerLayer = position == .tunerLayer
      let owner = isTunerLayer ? tree[module.path + ".base_layer"] ?? module : module
      for p in owner.parameters {
        let key = module.path + "." + p.name
        guard TargetMatcher.nameOrSuffixHit(key, names) != nil else { continue }
        if module.path.isEmpty {
          throw PeftError(
            .valueError,
            "Targeting an nn.Parameter on the top-level module is not supported (parameter '\(p.name)'). ")
        }
        if wrapped.contains(module.path)
          || (isTunerLayer && context.tunerLayers[module.path] != "lora.ParamWrapper")
        {
          throw PeftError(
            .valueError,
            "Trying to wrap an `nn.Parameter` of layer '\(module.path)' of type \(owner.typeName), which is not a valid target. Make sure that this layer is not also targeted with `target_modules`. For some models, PEFT will do this automatically, try setting `target_modules=[]` to prevent it."
          )
        }
        if config.loraDropout != 0 {
          throw PeftError(.valueError, "lora.ParamWrapper does not work with lora_dropout != 0.")
        }
        if config.fanInFanOut { throw PeftError(.valueError, "lora.ParamWrapper does not work with fan_in_fan_out.") }
        if config.loraBias { throw PeftError(.valueError, "lora.ParamWrapper does not work with lora_bias=True.") }
        if config.useDora { throw PeftError(.valueError, "lora.ParamWrapper does not work with use_dora=True.") }
        guard p.shape.count == 2 else {
          throw PeftError(
            .unsupported,
            "target_parameters entry '\(key)' has shape \(p.shape); the reference engine models 2-D parameters only (not MoE expert tensors)."
          )
        }
        if out.contains(where: { $0.path == module.path }) {
          throw PeftError(
            .unsupported,
            "several target_parameters on module '\(module.path)' (nested ParamWrappers) are not modelled by the reference engine."
          )
        }
        let r = config.rankPattern.first { patternMatches($0.key, key) }?.value ?? config.r
        let alpha = (config.alphaPattern.first { patternMatches($0.key, key) }?.value ?? config.loraAlpha).doubleValue
        if r <= 0 {
          throw PeftError(.valueError, "`r` should be a positive integer value but the value passed is \(r)")
        }
        out.append(
          PlannedLayer(
            path: module.path, layerType: "lora.ParamWrapper", baseTypeName: owner.typeName, baseKind: owner.kind, r: r,
            alpha: alpha, scaling: config.useRslora ? alpha / Double(r).squareRoot() : alpha / Double(r),
            inFeatures: p.shape[1], outFeatures: p.shape[0], extendsExistingLayer: isTunerLayer,
            parameterName: key))
      }
    }
    return out
  }
}
