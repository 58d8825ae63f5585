import LoRANumerics

/// DoRA (`use_dora=True`) on Linear and Conv1D layers, as PEFT 0.21.2's `DoraLinearLayer`:
/// the magnitude `m` scales each output feature of `W + s·B·A` normalised by its L2 norm.
extension LoraLayer {
  /// `‖W + s·B·A‖` per output feature (PEFT's `get_weight_norm`), from the given base weight
  /// in the layer's layout.
  func doraWeightNorm(base: Tensor, adapter: LoraAdapter) throws -> [Float] {
    var w = base
    try w.addScaled(deltaWeight(of: adapter.name))
    return try outputFeatureNorms(w)
  }

  /// L2 norms of the output features of a weight in this layer's layout.
  func outputFeatureNorms(_ w: Tensor) throws -> [Float] {
    let (rows, cols) = try w.matrixDimensions("DoRA weight norm")
    var norms = [Float](repeating: 0, count: kind == .conv1D ? cols : rows)
    for i in 0..<rows {
      for j in 0..<cols {
        let v = w.scalars[i * cols + j]
        norms[kind == .conv1D ? j : i] += v * v
      }
    }
    return norms.map { $0.squareRoot() }
  }

  /// Multiplies each output feature of a weight in this layer's layout by `factors[feature]`.
  func scalingOutputFeatures(_ w: Tensor, by factors: [Float]) throws -> Tensor {
    let (rows, cols) = try w.matrixDimensions("DoRA scale")
    var s = w.scalars
    for i in 0..<rows {
      for j in 0..<cols { s[i * cols + j] *= factors[kind == .conv1D ? j : i] }
    }
    return try Tensor(shape: w.shape, scalars: s)
  }

  /// The DoRA term PEFT adds for one adapter:
  /// `(m/‖W + s·BA‖ − 1)·base + (m/‖W + s·BA‖)·s·(x Aᵀ) Bᵀ`, where `base` is the output so far
  /// minus the bias (no dropout) or `drop(x)·Wᵀ` (with dropout in training).
  func doraTerm(
    adapter: LoraAdapter, magnitude: Tensor, dropped: Tensor, dropoutActive: Bool, outputSoFar: Tensor
  ) throws -> Tensor {
    let norms = try doraWeightNorm(base: weight, adapter: adapter)
    let scale = zip(magnitude.scalars, norms).map { $0 / $1 }
    var baseResult: Tensor
    if dropoutActive {
      baseResult = kind == .linear ? try dropped.matmul(transposing: weight) : try dropped.matmul(weight)
    } else {
      baseResult = outputSoFar
      if let bias { baseResult = try baseResult.addingRowVector(bias.scaled(by: -1)) }
    }
    let lora = try dropped.matmul(transposing: adapter.a).matmul(transposing: adapter.b)
    let (rows, cols) = try lora.matrixDimensions("DoRA forward")
    var out = [Float](repeating: 0, count: rows * cols)
    for i in 0..<rows {
      for j in 0..<cols {
        let k = i * cols + j
        out[k] = (scale[j] - 1) * baseResult.scalars[k] + scale[j] * lora.scalars[k] * adapter.scaling
      }
    }
    return try Tensor(shape: [rows, cols], scalars: out)
  }
}
