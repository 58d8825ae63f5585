import LoRAModules
import LoRANumerics

extension SequentialModel {
  /// The model's structure as PyTorch's `named_modules()` of the `nn.Sequential` reports it
  /// (root `Sequential`, children `"0"`, `"1"`, …), for the injection planner.
  public var moduleTree: ModuleTree {
    var list: [Module] = []
    for (i, module) in modules.enumerated() {
      let path = String(i)
      switch module {
      case .embedding(let num, let dim):
        list.append(
          Module(
            path: path, typeName: "Embedding", kind: .embedding(numEmbeddings: num, embeddingDim: dim),
            parameters: [Parameter(name: "weight", shape: [num, dim])]))
      case .linear(let inF, let outF, let bias):
        var parameters = [Parameter(name: "weight", shape: [outF, inF])]
        if bias { parameters.append(Parameter(name: "bias", shape: [outF])) }
        list.append(
          Module(
            path: path, typeName: "Linear", kind: .linear(inFeatures: inF, outFeatures: outF, bias: bias),
            parameters: parameters))
      case .layerNorm(let dim, _):
        list.append(
          Module(
            path: path, typeName: "LayerNorm", kind: .norm(normalizedShape: dim, rms: false, bias: true),
            parameters: [Parameter(name: "weight", shape: [dim]), Parameter(name: "bias", shape: [dim])]))
      default:
        list.append(Module(path: path, typeName: module.typeName, kind: .other))
      }
    }
    return ModuleTree(rootTypeName: "Sequential", modules: list)
  }

  /// Injects adapter `name` as `get_peft_model(model, config)` / `add_adapter` would:
  /// the planner decides the targets and each layer's rank and alpha (patterns included),
  /// then the factors are initialised per `init_lora_weights`. Returns the plan (its
  /// `config` is what `adapter_config.json` should hold). Throws PEFT's errors.
  @discardableResult
  public mutating func injectAdapter(name: String = "default", config: LoraConfig, seed: UInt64 = 0) throws
    -> InjectionPlan
  {
    let injection = try plan(model: moduleTree, config: config, adapterName: name)
    let mode = try config.numericInitMode()
    var updated = loraLayers
    for planned in injection.layers {
      guard let index = Int(planned.path), var layer = updated[index] else {
        throw ModelError("the plan targets '\(planned.path)', which is not a Linear or Embedding of this model")
      }
      try layer.addAdapter(
        name: name, r: planned.r, alpha: planned.alpha, dropout: Float(config.loraDropout),
        useRslora: config.useRslora, initMode: mode, useDora: config.useDora, seed: seed)
      updated[index] = layer
    }
    loraLayers = updated
    return injection
  }
}
