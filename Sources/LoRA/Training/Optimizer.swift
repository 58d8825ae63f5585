import LoRANumerics

/// An optimiser updating named parameters from their gradients, as `torch.optim` does.
public protocol Optimizer: Sendable {
  /// One `optimizer.step()`: updates every parameter that has a gradient.
  mutating func step(parameters: inout [String: Tensor], gradients: [String: Tensor]) throws
}

/// `torch.optim.SGD` (defaults: momentum 0, dampening 0, weight_decay 0, nesterov false).
public struct SGD: Optimizer {
  public var learningRate: Float
  public var momentum: Float
  public var dampening: Float
  public var weightDecay: Float
  public var nesterov: Bool
  private var buffers: [String: Tensor] = [:]

  public init(
    learningRate: Float, momentum: Float = 0, dampening: Float = 0, weightDecay: Float = 0, nesterov: Bool = false
  ) {
    self.learningRate = learningRate
    self.momentum = momentum
    self.dampening = dampening
    self.weightDecay = weightDecay
    self.nesterov = nesterov
  }

  public mutating func step(parameters: inout [String: Tensor], gradients: [String: Tensor]) throws {
    for name in gradients.keys.sorted() {
      guard var p = parameters[name], var g = gradients[name] else { continue }
      if weightDecay != 0 { try g.addScaled(p, weightDecay) }
      if momentum != 0 {
        var buffer: Tensor
        if var b = buffers[name] {
          b = b.scaled(by: momentum)
          try b.addScaled(g, 1 - dampening)
          buffer = b
        } else {
          buffer = g
        }
        buffers[name] = buffer
        if nesterov { try g.addScaled(buffer, momentum) } else { g = buffer }
      }
      try p.addScaled(g, -learningRate)
      parameters[name] = p
    }
  }
}

/// `torch.optim.AdamW` with torch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8,
/// weight_decay 0.01 (decoupled), bias-corrected moments, amsgrad false.
public struct AdamW: Optimizer {
  public var learningRate: Float
  public var beta1: Float
  public var beta2: Float
  public var epsilon: Float
  public var weightDecay: Float
  private var state: [String: (m: [Float], v: [Float], step: Int)] = [:]

  public init(
    learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
    weightDecay: Float = 0.01
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
  }

  public mutating func step(parameters: inout [String: Tensor], gradients: [String: Tensor]) throws {
    for name in gradients.keys.sorted() {
      guard var p = parameters[name], let g = gradients[name] else { continue }
      guard p.shape == g.shape else {
        throw TensorError(
          "AdamW", "gradient \(formatShape(g.shape)) does not fit parameter '\(name)' \(formatShape(p.shape))")
      }
      var s = state[name] ?? ([Float](repeating: 0, count: p.count), [Float](repeating: 0, count: p.count), 0)
      s.step += 1
      let bias1 = 1 - Float(Double(beta1).power(s.step))
      let bias2 = 1 - Float(Double(beta2).power(s.step))
      let stepSize = learningRate / bias1
      let bias2Sqrt = bias2.squareRoot()
      let decay = 1 - learningRate * weightDecay
      let (b1, b2, eps) = (beta1, beta2, epsilon)
      p.withMutableScalars { w in
        for i in w.indices {
          let gi = g.scalars[i]
          w[i] *= decay
          s.m[i] = b1 * s.m[i] + (1 - b1) * gi
          s.v[i] = b2 * s.v[i] + (1 - b2) * gi * gi
          let denom = s.v[i].squareRoot() / bias2Sqrt + eps
          w[i] -= stepSize * s.m[i] / denom
        }
      }
      state[name] = s
      parameters[name] = p
    }
  }
}

extension Double {
  fileprivate func power(_ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<n { result *= self }
    return result
  }
}
