/// Plain-loop kernels: the oracle every accelerated kernel is tested against.
///
/// Layout: row-major Float32. `gemm` computes `C[m, n] = sum_k A[m, k] * B[n, k]`,
/// i.e. `C = A · Bᵀ` with the weights (`B`, PyTorch's [out, in]) on the right,
/// accumulating in Float in the natural k order.
public enum ReferenceKernels {
  /// `C = A · Bᵀ` (+ `C` when `accumulate`). A is [m, k], B is [n, k], C is [m, n].
  public static func gemm(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, accumulate: Bool = false
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var sum: Float = accumulate ? c[i * n + j] : 0
        for p in 0..<k { sum += a[i * k + p] * b[j * k + p] }
        c[i * n + j] = sum
      }
    }
  }
}
