import LoRANumerics

/// What the forward pass keeps per module for backward.
enum ModuleCache {
  case lora(LoraForwardCache)
  case activation(input: Tensor)
  case layerNorm(normalised: Tensor, inverseStd: [Float])
  case dropout(mask: [Float]?)
}

/// Gradients of the trainable (LoRA) parameters, by PEFT's parameter name.
public typealias ParameterGradients = [String: Tensor]

extension SequentialModel {
  /// The model's output for features ([batch, in]) or token ids.
  public func forward(_ input: LayerInput, mode: ForwardMode = .evaluation) throws -> Tensor {
    try forwardWithCaches(input, mode: mode).output
  }

  func forwardWithCaches(_ input: LayerInput, mode: ForwardMode) throws -> (output: Tensor, caches: [ModuleCache]) {
    switch (takesTokens, input) {
    case (true, .features): throw ModelError("the model starts with an Embedding: give token ids")
    case (false, .tokens): throw ModelError("the model starts with a Linear: give features, not token ids")
    default: break
    }
    var caches: [ModuleCache] = []
    var current = input
    var x = try Tensor(shape: [0, 0])
    for (i, module) in modules.enumerated() {
      if let layer = loraLayers[i] {
        let (y, cache) = try layer.forwardWithCache(current, mode: mode)
        caches.append(.lora(cache))
        x = y
      } else if let norm = layerNorms[i] {
        let (y, normalised, inverse) = try norm.forward(x)
        caches.append(.layerNorm(normalised: normalised, inverseStd: inverse))
        x = y
      } else if case .dropout(let p) = module {
        let mask = DropoutMask.make(count: x.count, p: p, mode: mode, key: String(i) + ".dropout")
        caches.append(.dropout(mask: mask))
        x = try DropoutMask.apply(mask, to: x)
      } else if let activation = Self.activation(module) {
        caches.append(.activation(input: x))
        x = x.map(activation.apply)
      }
      current = .features(x)
    }
    return (x, caches)
  }

  /// Back-propagates dL/d(output) and returns the gradients of every trainable LoRA factor.
  func backward(outputGradient: Tensor, caches: [ModuleCache]) throws -> ParameterGradients {
    var grads: ParameterGradients = [:]
    var dy = outputGradient
    for (i, cache) in zip(modules.indices, caches).reversed() {
      switch cache {
      case .lora(let c):
        guard let layer = loraLayers[i] else { continue }
        let g = try layer.backward(outputGradient: dy, cache: c)
        for (name, pair) in g.adapters where layer.activeAdapters.contains(name) {
          let names = Self.factorNames(kind: layer.kind, adapter: name)
          grads[String(i) + "." + names.a] = pair.a
          grads[String(i) + "." + names.b] = pair.b
        }
        if let dx = g.input { dy = dx }
      case .activation(let input):
        guard let activation = Self.activation(modules[i]) else { continue }
        dy = try dy.multiplying(input.map(activation.derivative))
      case .layerNorm(let normalised, let inverse):
        guard let norm = layerNorms[i] else { continue }
        dy = try norm.backward(dy, normalised: normalised, inverseStd: inverse)
      case .dropout(let mask):
        dy = try DropoutMask.apply(mask, to: dy)
      }
    }
    return grads
  }

  static func activation(_ module: SequentialModule) -> Activation? {
    switch module {
    case .relu: .relu
    case .gelu: .gelu
    case .silu: .silu
    case .tanh: .tanh
    default: nil
    }
  }
}
