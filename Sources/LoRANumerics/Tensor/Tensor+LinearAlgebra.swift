/// Matrix products, all computed through `LinearAlgebra.gemm` (C = A·Bᵀ).
extension Tensor {
  /// `self · otherᵀ`: `self` is [m, k], `other` is [n, k] (PyTorch's weight layout);
  /// the result is [m, n]. This is `F.linear(self, other)` without bias.
  public func matmul(transposing other: Tensor) throws -> Tensor {
    let (m, k) = try matrixDimensions("matmul")
    let (n, k2) = try other.matrixDimensions("matmul")
    guard k == k2 else {
      throw TensorError(
        "matmul", "cannot multiply \(formatShape(shape)) by the transpose of \(formatShape(other.shape))")
    }
    var out = [Float](repeating: 0, count: m * n)
    LinearAlgebra.gemm(scalars, other.scalars, &out, m: m, n: n, k: k)
    return Tensor(uncheckedShape: [m, n], scalars: out)
  }

  /// `self · other`: [m, k] times [k, n] gives [m, n].
  public func matmul(_ other: Tensor) throws -> Tensor {
    let (_, k) = try matrixDimensions("matmul")
    let (k2, _) = try other.matrixDimensions("matmul")
    guard k == k2 else {
      throw TensorError("matmul", "cannot multiply \(formatShape(shape)) by \(formatShape(other.shape))")
    }
    return try matmul(transposing: other.transposed())
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

/// The GEMM entry point the numeric code uses. It calls the reference kernel today
/// and switches to the accelerated `Kernels.gemm` when that lands.
public enum LinearAlgebra {
  /// `C = A·Bᵀ` (+ C when `accumulate`): A [m, k], B [n, k], C [m, n], row-major.
  /// The arrays must hold at least the stated counts (checked by the callers in this module).
  public static func gemm(
    _ a: [Float], _ b: [Float], _ c: inout [Float], m: Int, n: Int, k: Int, accumulate: Bool = false
  ) {
    guard m > 0, n > 0 else { return }
    if k == 0 {
      if !accumulate { for i in 0..<(m * n) { c[i] = 0 } }
      return
    }
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          guard let ap = pa.baseAddress, let bp = pb.baseAddress, let cp = pc.baseAddress else { return }
          ReferenceKernels.gemm(ap, bp, cp, m: m, n: n, k: k, accumulate: accumulate)
        }
      }
    }
  }
}
