/// Matrix products, computed by ``Kernels`` (accelerated where the CPU allows).
extension Tensor {
  /// `self · otherᵀ (+ bias)`: `self` is [m, k], `other` is [n, k] (PyTorch's weight layout),
  /// `bias` is [n]; the result is [m, n]. This is `F.linear(self, other, bias)`.
  public func matmul(transposing other: Tensor, bias: Tensor? = nil) throws -> Tensor {
    let (m, k) = try matrixDimensions("matmul")
    let (n, k2) = try other.matrixDimensions("matmul")
    guard k == k2 else {
      throw TensorError(
        "matmul", "cannot multiply \(formatShape(shape)) by the transpose of \(formatShape(other.shape))")
    }
    if let bias, bias.shape != [n] {
      throw TensorError("matmul", "bias \(formatShape(bias.shape)) does not fit \(n) outputs")
    }
    var out = [Float](repeating: 0, count: m * n)
    LinearAlgebra.run(scalars, other.scalars, bias?.scalars, &out) { a, b, c, bias in
      Kernels.gemm(a, b, c, m: m, n: n, k: k, bias: bias)
    }
    if k == 0, let bias {
      for i in 0..<m { out.replaceSubrange(i * n..<(i + 1) * n, with: bias.scalars) }
    }
    return Tensor(uncheckedShape: [m, n], scalars: out)
  }

  /// `self · other`: [m, k] times [k, n] gives [m, n].
  public func matmul(_ other: Tensor) throws -> Tensor {
    let (m, k) = try matrixDimensions("matmul")
    let (k2, n) = try other.matrixDimensions("matmul")
    guard k == k2 else {
      throw TensorError("matmul", "cannot multiply \(formatShape(shape)) by \(formatShape(other.shape))")
    }
    var out = [Float](repeating: 0, count: m * n)
    LinearAlgebra.run(scalars, other.scalars, nil, &out) { a, b, c, _ in
      Kernels.matmul(a, b, c, m: m, n: n, k: k)
    }
    return Tensor(uncheckedShape: [m, n], scalars: out)
  }

  /// `selfᵀ · other`: `self` is [k, m], `other` is [k, n]; the result is [m, n]
  /// (weight gradients: `dW = dYᵀ · X`).
  public func transposedMatmul(_ other: Tensor) throws -> Tensor {
    let (k, m) = try matrixDimensions("matmul")
    let (k2, n) = try other.matrixDimensions("matmul")
    guard k == k2 else {
      throw TensorError(
        "matmul", "cannot multiply the transpose of \(formatShape(shape)) by \(formatShape(other.shape))")
    }
    var out = [Float](repeating: 0, count: m * n)
    LinearAlgebra.run(scalars, other.scalars, nil, &out) { a, b, c, _ in
      Kernels.matmulTransposedA(a, b, c, m: m, n: n, k: k)
    }
    return Tensor(uncheckedShape: [m, n], scalars: out)
  }

  /// The transpose of a matrix.
  public func transposed() throws -> Tensor {
    let (rows, cols) = try matrixDimensions("transpose")
    var out = [Float](repeating: 0, count: rows * cols)
    for i in 0..<rows {
      for j in 0..<cols { out[j * rows + i] = scalars[i * cols + j] }
    }
    return Tensor(uncheckedShape: [cols, rows], scalars: out)
  }

  /// Adds a bias vector of length `columns` to every row of a matrix.
  public func addingRowVector(_ bias: Tensor) throws -> Tensor {
    let (rows, cols) = try matrixDimensions("add bias")
    guard bias.shape == [cols] else {
      throw TensorError("add bias", "bias \(formatShape(bias.shape)) does not fit rows of \(formatShape(shape))")
    }
    var out = scalars
    for i in 0..<rows {
      for j in 0..<cols { out[i * cols + j] += bias.scalars[j] }
    }
    return Tensor(uncheckedShape: shape, scalars: out)
  }

  /// Sums a matrix over its rows, giving a vector of length `columns`.
  public func sumOverRows() throws -> Tensor {
    let (rows, cols) = try matrixDimensions("sum")
    var out = [Float](repeating: 0, count: cols)
    for i in 0..<rows {
      for j in 0..<cols { out[j] += scalars[i * cols + j] }
    }
    return Tensor(uncheckedShape: [cols], scalars: out)
  }

  /// The rows at the given indices of a matrix (an embedding lookup); throws for an
  /// index outside `0..<rows`.
  public func gatherRows(_ indices: [Int]) throws -> Tensor {
    let (rows, cols) = try matrixDimensions("embedding")
    var out: [Float] = []
    out.reserveCapacity(indices.count * cols)
    for index in indices {
      guard index >= 0, index < rows else {
        throw TensorError("embedding", "index \(index) is out of range for \(rows) embeddings")
      }
      out.append(contentsOf: scalars[index * cols..<(index + 1) * cols])
    }
    return Tensor(uncheckedShape: [indices.count, cols], scalars: out)
  }
}

/// Bridges Swift arrays to the raw-pointer kernels.
enum LinearAlgebra {
  /// Calls `body` with base addresses of the arrays (empty arrays are skipped: every
  /// product with a zero dimension leaves the zero-filled output as it is).
  static func run(
    _ a: [Float], _ b: [Float], _ bias: [Float]?, _ c: inout [Float],
    _ body: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, UnsafePointer<Float>?) -> Void
  ) {
    guard !a.isEmpty, !b.isEmpty, !c.isEmpty else { return }
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          guard let ap = pa.baseAddress, let bp = pb.baseAddress, let cp = pc.baseAddress else { return }
          if let bias {
            bias.withUnsafeBufferPointer { pbias in body(ap, bp, cp, pbias.baseAddress) }
          } else {
            body(ap, bp, cp, nil)
          }
        }
      }
    }
  }
}

extension Tensor {
  /// The fused unmerged LoRA Linear `x Wᵀ + bias + scale·(x Aᵀ) Bᵀ` (``Kernels/loraForward``):
  /// x [m, k], W [n, k], bias [n], A [r, k], B [n, r]; the result is [m, n].
  public static func loraLinear(
    x: Tensor, weight: Tensor, bias: Tensor?, a: Tensor, b: Tensor, scale: Float
  ) throws -> Tensor {
    let (m, k) = try x.matrixDimensions("lora forward")
    let (n, k2) = try weight.matrixDimensions("lora forward")
    let (r, k3) = try a.matrixDimensions("lora forward")
    guard k == k2, k == k3, b.shape == [n, r], bias.map({ $0.shape == [n] }) ?? true else {
      throw TensorError(
        "lora forward",
        "shapes do not chain: x \(formatShape(x.shape)), W \(formatShape(weight.shape)), A \(formatShape(a.shape)), "
          + "B \(formatShape(b.shape))" + (bias.map { ", bias \(formatShape($0.shape))" } ?? ""))
    }
    guard m > 0, n > 0, k > 0, r > 0 else {
      var y = try x.matmul(transposing: weight, bias: bias)
      if r > 0, k > 0 { try y.addScaled(x.matmul(transposing: a).matmul(transposing: b), scale) }
      return y
    }
    var out = [Float](repeating: 0, count: m * n)
    x.scalars.withUnsafeBufferPointer { px in
      weight.scalars.withUnsafeBufferPointer { pw in
        a.scalars.withUnsafeBufferPointer { pa in
          b.scalars.withUnsafeBufferPointer { pb in
            out.withUnsafeMutableBufferPointer { po in
              guard let xp = px.baseAddress, let wp = pw.baseAddress, let ap = pa.baseAddress,
                let bp = pb.baseAddress, let op = po.baseAddress
              else { return }
              if let bias {
                bias.scalars.withUnsafeBufferPointer { pbias in
                  Kernels.loraForward(
                    x: xp, weight: wp, bias: pbias.baseAddress, loraA: ap, loraB: bp, scale: scale, output: op, m: m,
                    n: n, k: k, r: r)
                }
              } else {
                Kernels.loraForward(
                  x: xp, weight: wp, bias: nil, loraA: ap, loraB: bp, scale: scale, output: op, m: m, n: n, k: k, r: r)
              }
            }
          }
        }
      }
    }
    return Tensor(uncheckedShape: [m, n], scalars: out)
  }
}
