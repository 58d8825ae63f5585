import ConfigValues
import LoRANumerics

extension AdapterCheckpoint {
  /// Adds this checkpoint as adapter `name` to the layers it names (`load_adapter`):
  /// rank from the tensors' shapes, alpha and scaling from the config (with its patterns).
  /// Throws when a key names a module that is not among the layers or a shape does not fit.
  /// Returns the paths of the layers that got the adapter.
  @discardableResult
  public func apply(to layers: inout [LoraLayer], adapter name: String) throws -> [String] {
    var grouped: [String: [AdapterTensorKind: Tensor]] = [:]
    for (key, tensor) in tensors {
      guard let (path, kind) = PeftStateDictKeys.parse(savedKey: key) else { continue }
      grouped[path, default: [:]][kind] = tensor
    }
    var applied: [String] = []
    for path in grouped.keys.sorted() {
      guard let index = layers.firstIndex(where: { $0.path == path }), let group = grouped[path] else {
        throw CheckpointError(
          file: Self.weightsFileName,
          "adapter tensors for module '\(path)' do not fit the model: it has no Linear, Conv1D or Embedding there")
      }
      var layer = layers[index]
      let embedding = layer.kind == .embedding
      guard let a = group[embedding ? .embeddingA : .loraA], let b = group[embedding ? .embeddingB : .loraB] else {
        throw CheckpointError(
          file: Self.weightsFileName,
          "module '\(path)' (\(layer.kind.rawValue)) needs both "
            + (embedding ? "lora_embedding_A and lora_embedding_B" : "lora_A.weight and lora_B.weight"))
      }
      guard a.rank == 2, let r = a.shape.first, r > 0 else {
        throw CheckpointError(file: Self.weightsFileName, "module '\(path)': A has shape \(formatShape(a.shape))")
      }
      let alpha = config.alpha(forModule: path)
      let adapter = LoraAdapter(
        name: name, r: r, alpha: alpha,
        scaling: LoraAdapter.scaling(r: r, alpha: alpha, useRslora: config.useRslora),
        dropout: embedding ? 0 : Float(config.loraDropout), a: a, b: b, magnitude: nil)
      do {
        try layer.insert(adapter)
        if let m = group[.magnitude] { try layer.setMagnitude(of: name, m) }
      } catch let error as LoraLayerError {
        throw CheckpointError(file: Self.weightsFileName, "\(error)")
      }
      layers[index] = layer
      applied.append(path)
    }
    return applied
  }
}

extension SequentialModel {
  /// The layers as a list (module order), for checkpoint code.
  public var layerList: [LoraLayer] {
    loraLayers.keys.sorted().compactMap { loraLayers[$0] }
  }

  /// `save_pretrained` content for adapter `name`. As PEFT does when `task_type` is null,
  /// `auto_mapping` records the base model's class (`torch.nn.Sequential`).
  public func checkpoint(adapter name: String, config: LoraConfig) -> AdapterCheckpoint {
    var saved = config
    if saved.taskType == nil, saved.autoMapping == .null {
      saved.autoMapping = .object([
        ConfigEntry(key: "base_model_class", value: .string("Sequential")),
        ConfigEntry(key: "parent_library", value: .string("torch.nn.modules.container")),
      ])
    }
    return AdapterCheckpoint(layers: layerList, adapter: name, config: saved)
  }

  /// `load_adapter`: adds a checkpoint's factors as adapter `name`.
  @discardableResult
  public mutating func loadAdapter(_ checkpoint: AdapterCheckpoint, name: String = "default") throws -> [String] {
    var layers = layerList
    let applied = try checkpoint.apply(to: &layers, adapter: name)
    for layer in layers {
      if let index = Int(layer.path) { loraLayers[index] = layer }
    }
    return applied
  }
}
