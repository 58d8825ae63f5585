import LoRANumerics

/// Element-wise activations and their derivatives (in terms of the input).
enum Activation: Sendable {
  case relu, gelu, silu, tanh

  func apply(_ x: Float) -> Float {
    switch self {
    case .relu: return max(x, 0)
    case .gelu: return 0.5 * x * (1 + MathFunctions.erf(x / Float(2).squareRoot()))
    case .silu: return x / (1 + MathFunctions.exp(-x))
    case .tanh: return MathFunctions.tanh(x)
    }
  }

  func derivative(_ x: Float) -> Float {
    switch self {
    case .relu:
      return x > 0 ? 1 : 0
    case .gelu:
      let cdf = 0.5 * (1 + MathFunctions.erf(x / Float(2).squareRoot()))
      let pdf = MathFunctions.exp(-0.5 * x * x) / Float(2 * Double.pi).squareRoot()
      return cdf + x * pdf
    case .silu:
      let s = 1 / (1 + MathFunctions.exp(-x))
      return s * (1 + x * (1 - s))
    case .tanh:
      let t = MathFunctions.tanh(x)
      return 1 - t * t
    }
  }
}

/// `nn.LayerNorm` over the last dimension of a [rows, dim] matrix.
struct LayerNormOp: Equatable, Sendable {
  var weight: Tensor
  var bias: Tensor
  var eps: Float

  func forward(_ x: Tensor) throws -> (y: Tensor, normalised: Tensor, inverseStd: [Float]) {
    let (rows, dim) = try x.matrixDimensions("LayerNorm")
    guard dim == weight.count else {
      throw ModelError("LayerNorm: input has \(dim) features, the layer normalises \(weight.count)")
    }
    var y = [Float](repeating: 0, count: x.count)
    var xhat = y
    var inverse = [Float](repeating: 0, count: rows)
    for i in 0..<rows {
      let row = x.scalars[i * dim..<(i + 1) * dim]
      let mean = row.reduce(0, +) / Float(dim)
      let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(dim)
      let inv = 1 / (variance + eps).squareRoot()
      inverse[i] = inv
      for j in 0..<dim {
        let n = (x.scalars[i * dim + j] - mean) * inv
        xhat[i * dim + j] = n
        y[i * dim + j] = n * weight.scalars[j] + bias.scalars[j]
      }
    }
    return (try Tensor(shape: x.shape, scalars: y), try Tensor(shape: x.shape, scalars: xhat), inverse)
  }

  /// dx = inv·(dxhat − mean(dxhat) − xhat·mean(dxhat·xhat)), dxhat = dy·γ.
  func backward(_ dy: Tensor, normalised xhat: Tensor, inverseStd: [Float]) throws -> Tensor {
    let (rows, dim) = try dy.matrixDimensions("LayerNorm backward")
    var dx = [Float](repeating: 0, count: dy.count)
    for i in 0..<rows {
      var sum: Float = 0
      var dot: Float = 0
      for j in 0..<dim {
        let g = dy.scalars[i * dim + j] * weight.scalars[j]
        sum += g
        dot += g * xhat.scalars[i * dim + j]
      }
      let meanG = sum / Float(dim)
      let meanGX = dot / Float(dim)
      for j in 0..<dim {
        let g = dy.scalars[i * dim + j] * weight.scalars[j]
        dx[i * dim + j] = inverseStd[i] * (g - meanG - xhat.scalars[i * dim + j] * meanGX)
      }
    }
    return try Tensor(shape: dy.shape, scalars: dx)
  }
}
