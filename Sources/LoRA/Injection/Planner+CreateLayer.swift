import LoRAModules

/// `_create_and_replace` / `_create_new_module`: the LoRA layer for a matched module, its
/// warnings, and the errors for unsupported module types.
extension Planner {
  func makeLayer(_ module: Module, config: inout LoraConfig, warnings: inout [PeftWarning]) throws(PeftError)
    -> PlannedLayer
  {
    let r = config.rankPattern.first { patternMatches($0.key, module.path) }?.value ?? config.r
    let alpha = (config.alphaPattern.first { patternMatches($0.key, module.path) }?.value ?? config.loraAlpha)
      .doubleValue
    var layerType: String
    var baseKind = module.kind
    var baseTypeName = module.typeName
    let extending = context.tunerLayers[module.path]
    if let extending {
      layerType = extending
      if let base = tree[module.path + ".base_layer"] {
        baseKind = base.kind
        baseTypeName = base.typeName
      }
    } else {
      layerType = ""
    }
    var features = (inFeatures: 0, outFeatures: 0)
    switch baseKind {
    case .linear(let i, let o, _):
      if extending == nil, config.fanInFanOut {
        warnings.append(
          PeftWarning(
            .userWarning,
            "fan_in_fan_out is set to True but the target module is `torch.nn.Linear`. Setting fan_in_fan_out to False."
          ))
        config.fanInFanOut = false
      }
      layerType = extending ?? "lora.Linear"
      features = (i, o)
    case .transformersConv1D(let i, let o):
      if extending == nil, !config.fanInFanOut {
        warnings.append(
          PeftWarning(
            .userWarning,
            "fan_in_fan_out is set to False but the target module is `Conv1D`. Setting fan_in_fan_out to True."))
        config.fanInFanOut = true
      }
      layerType = extending ?? "lora.Linear"
      features = (i, o)
    case .embedding(let n, let d):
      if config.loraBias { throw PeftError(.valueError, "lora_bias=True is not supported for Embedding.") }
      layerType = extending ?? "lora.Embedding"
      features = (n, d)
    case .conv(let dims, let i, let o, _, let groups, _):
      let cls = "Conv\(dims)d"
      if groups > 1 {
        warnings.append(
          PeftWarning(.userWarning, "LoRA adapter added to ConvNd layer with groups > 1. Merging is not supported."))
      }
      if groups > 0, r % groups != 0 {
        throw PeftError(
          .valueError,
          "Targeting a \(cls) with groups=\(groups) and rank \(r). Currently, support is limited to conv layers where the rank is divisible by groups. Either choose a different rank or do not target this specific layer."
        )
      }
      layerType = extending ?? "lora.\(cls)"
      features = (i, o)
    case .multiheadAttention:
      throw PeftError(
        .unsupported,
        "Target module \(module.path) is a MultiheadAttention; LoRA on nn.MultiheadAttention is not modelled by the reference engine. Target its out_proj or other Linear layers instead."
      )
    case .norm, .container, .other:
      throw PeftError(
        .valueError,
        "Target module \(pytorchRepr(module)) is not supported. Currently, only the following modules are supported: `torch.nn.Linear`, `torch.nn.Embedding`, `torch.nn.Conv1d`, `torch.nn.Conv2d`, `torch.nn.Conv3d`, `transformers.pytorch_utils.Conv1D`, `torch.nn.MultiheadAttention.`."
      )
    }
    if r <= 0 { throw PeftError(.valueError, "`r` should be a positive integer value but the value passed is \(r)") }
    if config.loraBias && !Self.hasBias(baseKind) {
      warnings.append(
        PeftWarning(
          .peftWarning,
          "`lora_bias=True` was passed but the targeted layer of type \(baseTypeName) has no bias. This means that merging LoRA weights won't be possible."
        ))
    }
    let scaling = config.useRslora ? alpha / Double(r).squareRoot() : alpha / Double(r)
    return PlannedLayer(
      path: module.path, layerType: layerType, baseTypeName: baseTypeName, baseKind: baseKind, r: r, alpha: alpha,
      scaling: scaling, inFeatures: features.inFeatures, outFeatures: features.outFeatures,
      extendsExistingLayer: extending != nil, parameterName: nil)
  }

  static func hasBias(_ kind: ModuleKind) -> Bool {
    switch kind {
    case .linear(_, _, let b), .conv(_, _, _, _, _, let b), .multiheadAttention(_, _, let b): b
    case .transformersConv1D: true
    default: false
    }
  }

  /// The class name PEFT would refuse for this module, or nil when it can be wrapped.
  func unsupportedTypeName(_ module: Module) -> String? {
    if context.tunerLayers[module.path] != nil { return nil }
    switch module.kind {
    case .linear, .transformersConv1D, .embedding, .conv, .multiheadAttention: return nil
    case .norm, .container, .other: return module.typeName
    }
  }
}
