import LoRANumerics

/// A parameter of the model under the name `named_parameters()` gives it in PyTorch.
public struct ModelParameter: Equatable, Sendable {
  /// `0.weight`, `0.base_layer.weight`, `0.lora_A.default.weight`, `0.lora_embedding_A.default`.
  public var name: String
  public var value: Tensor
  /// PEFT's rule after injection: only the active adapters' factors are trainable;
  /// before any injection every parameter is.
  public var requiresGrad: Bool
}

extension SequentialModel {
  /// Whether any layer holds an adapter (the model is a PEFT model).
  public var hasAdapters: Bool { loraLayers.values.contains { !$0.adapters.isEmpty } }

  /// All parameters in registration order, with PEFT's names and `requires_grad`.
  public var namedParameters: [ModelParameter] {
    var result: [ModelParameter] = []
    let peft = hasAdapters
    for i in modules.indices {
      let prefix = String(i) + "."
      if let layer = loraLayers[i] {
        let base = layer.adapters.isEmpty ? prefix : prefix + "base_layer."
        result.append(ModelParameter(name: base + "weight", value: layer.weight, requiresGrad: !peft))
        if let bias = layer.bias {
          result.append(ModelParameter(name: base + "bias", value: bias, requiresGrad: !peft))
        }
        for adapter in layer.adapters {
          let active = layer.activeAdapters.contains(adapter.name)
          let names = Self.factorNames(kind: layer.kind, adapter: adapter.name)
          result.append(ModelParameter(name: prefix + names.a, value: adapter.a, requiresGrad: active))
          result.append(ModelParameter(name: prefix + names.b, value: adapter.b, requiresGrad: active))
        }
      } else if let norm = layerNorms[i] {
        result.append(ModelParameter(name: prefix + "weight", value: norm.weight, requiresGrad: !peft))
        result.append(ModelParameter(name: prefix + "bias", value: norm.bias, requiresGrad: !peft))
      }
    }
    return result
  }

  /// PEFT's in-memory names of an adapter's factors, relative to the layer.
  static func factorNames(kind: LoraBaseKind, adapter: String) -> (a: String, b: String) {
    kind == .embedding
      ? ("lora_embedding_A." + adapter, "lora_embedding_B." + adapter)
      : ("lora_A." + adapter + ".weight", "lora_B." + adapter + ".weight")
  }

  /// Trainable parameters by name.
  public var trainableParameters: [String: Tensor] {
    Dictionary(uniqueKeysWithValues: namedParameters.filter(\.requiresGrad).map { ($0.name, $0.value) })
  }

  /// Writes adapter factors back by their PEFT names (after an optimiser step).
  mutating func setAdapterFactors(_ values: [String: Tensor]) throws {
    for i in modules.indices {
      guard var layer = loraLayers[i] else { continue }
      for adapter in layer.adapters {
        let names = Self.factorNames(kind: layer.kind, adapter: adapter.name)
        let a = values[String(i) + "." + names.a] ?? adapter.a
        let b = values[String(i) + "." + names.b] ?? adapter.b
        if a != adapter.a || b != adapter.b { try layer.setFactors(of: adapter.name, a: a, b: b) }
      }
      loraLayers[i] = layer
    }
  }
}
