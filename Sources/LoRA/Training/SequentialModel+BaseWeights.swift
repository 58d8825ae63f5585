import LoRANumerics

extension SequentialModel {
  /// Replaces base weights by their PyTorch names in the plain model (`0.weight`,
  /// `0.bias`, `3.weight` for a LayerNorm), as `model.state_dict()` of the `nn.Sequential`
  /// names them. Unknown names and shape mismatches throw; names not given keep their values.
  public mutating func loadBaseWeights(_ tensors: [String: Tensor], source: String) throws {
    for (name, tensor) in tensors.sorted(by: { $0.key < $1.key }) {
      let parts = name.split(separator: ".")
      guard parts.count == 2, let index = Int(parts[0]), modules.indices.contains(index) else {
        throw ModelError("\(source): '\(name)' is not a parameter of this \(modules.count)-module model")
      }
      let field = String(parts[1])
      if var layer = loraLayers[index] {
        var weight = layer.weight
        var bias = layer.bias
        switch field {
        case "weight": weight = tensor
        case "bias" where bias != nil: bias = tensor
        default: throw ModelError("\(source): '\(name)' is not a parameter of module \(index)")
        }
        guard weight.shape == layer.weight.shape, bias?.shape == layer.bias?.shape else {
          throw ModelError(
            "\(source): '\(name)' has shape \(formatShape(tensor.shape)), module \(index) expects "
              + formatShape(field == "weight" ? layer.weight.shape : layer.bias?.shape ?? []))
        }
        var rebuilt = try LoraLayer(path: layer.path, kind: layer.kind, weight: weight, bias: bias)
        for adapter in layer.adapters { try rebuilt.insert(adapter) }
        rebuilt.activeAdapters = layer.activeAdapters
        rebuilt.adaptersDisabled = layer.adaptersDisabled
        guard !layer.isMerged else { throw ModelError("\(source): cannot load base weights into a merged layer") }
        layer = rebuilt
        loraLayers[index] = layer
      } else if var norm = layerNorms[index] {
        guard tensor.shape == norm.weight.shape, field == "weight" || field == "bias" else {
          throw ModelError("\(source): '\(name)' does not fit LayerNorm \(index) (\(formatShape(norm.weight.shape)))")
        }
        if field == "weight" { norm.weight = tensor } else { norm.bias = tensor }
        layerNorms[index] = norm
      } else {
        throw ModelError("\(source): module \(index) (\(modules[index].typeName)) has no parameters")
      }
    }
  }
}
