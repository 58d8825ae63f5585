/// Kernels over bf16 weights (the bit patterns safetensors `BF16` stores: the upper 16 bits of
/// an fp32), accumulating in fp32.
public enum BF16Kernels {
  /// The exact fp32 value of a bf16 bit pattern.
  @inline(__always)
  public static func float(_ bits: UInt16) -> Float {
    Float(bitPattern: UInt32(bits) << 16)
  }

  /// Reference `C = A · Wᵀ (+ bias) (+ C when accumulate)`: A `[m, k]` fp32, W `[n, k]` bf16,
  /// bias `[n]`, C `[m, n]`; each output a single fp32 sum in the natural k order.
  public static func referenceGEMM(
    _ a: UnsafePointer<Float>, _ w: UnsafePointer<UInt16>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, bias: UnsafePointer<Float>?, accumulate: Bool
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var sum: Float = 0
        for p in 0..<k { sum += a[i * k + p] * float(w[j * k + p]) }
        if let bias { sum += bias[j] }
        c[i * n + j] = accumulate ? c[i * n + j] + sum : sum
      }
    }
  }

  /// Widens W to fp32 and runs `gemm` (the path for shapes no bf16 kernel covers yet).
  static func widenedGEMM(
    _ gemm: KernelSet.GEMM, _ a: UnsafePointer<Float>, _ w: UnsafePointer<UInt16>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, bias: UnsafePointer<Float>?, accumulate: Bool
  ) {
    let wide = UnsafeMutablePointer<Float>.allocate(capacity: max(1, n * k))
    defer { wide.deallocate() }
    for index in 0..<(n * k) { wide[index] = float(w[index]) }
    gemm(a, UnsafePointer(wide), c, m, n, k, bias, accumulate)
  }
}
