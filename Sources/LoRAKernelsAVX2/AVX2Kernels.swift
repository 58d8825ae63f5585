/// Accelerated Float32 kernels for x86-64 with AVX2 + FMA (compiled with `-mavx2 -mfma -mf16c`).
///
/// Calling these on a CPU without AVX2/FMA traps with SIGILL: use `LoRANumerics.Kernels`, which
/// checks the CPU once and falls back to the reference kernels. All matrices are row-major,
/// contiguous Float32; output memory must not overlap the inputs.
public enum AVX2Kernels {
  /// `C = A · Bᵀ (+ bias) (+ C when accumulate)`: A `[m, k]`, B `[n, k]` (PyTorch weight
  /// `[out, in]`), bias `[n]`, C `[m, n]`.
  public static func gemm(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, bias: UnsafePointer<Float>? = nil, accumulate: Bool = false
  ) {
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
      fillBiasOnly(c, m: m, n: n, bias: bias, accumulate: accumulate)
      return
    }
    if m <= 4 {
      DotGEMM(a: a, b: b, c: c, m: m, n: n, k: k, bias: bias, accumulate: accumulate).run()
    } else {
      TiledGEMM(x: a, w: b, c: c, m: m, n: n, k: k, bias: bias, accumulate: accumulate, lora: nil).run()
    }
  }

  /// Fused unmerged LoRA forward: `Y = X Wᵀ + bias + scale · (X Aᵀ) Bᵀ`.
  ///
  /// X `[m, k]`, W `[n, k]`, bias `[n]`, A `[r, k]`, B `[n, r]`, Y `[m, n]`. Computes
  /// `T = scale · X Aᵀ` (`[m, r]`) first, then runs the base GEMM's tiles over `[X | T]·[W | B]ᵀ`:
  /// `B · A` is never formed and `Y` is written once.
  public static func loraForward(
    x: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    loraA: UnsafePointer<Float>, loraB: UnsafePointer<Float>, scale: Float,
    output: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, r: Int
  ) {
    guard m > 0, n > 0 else { return }
    guard r > 0 else {
      gemm(x, weight, output, m: m, n: n, k: k, bias: bias)
      return
    }
    if m <= 4 || k == 0 {
      // Few rows: the low-rank pass reads only B (n x r), a sliver next to W.
      let t = UnsafeMutablePointer<Float>.allocate(capacity: m * r)
      defer { t.deallocate() }
      gemm(x, loraA, t, m: m, n: r, k: k)
      for i in 0..<(m * r) { t[i] *= scale }
      gemm(x, weight, output, m: m, n: n, k: k, bias: bias)
      gemm(t, loraB, output, m: m, n: n, k: r, accumulate: true)
    } else {
      TiledGEMM(
        x: x, w: weight, c: output, m: m, n: n, k: k, bias: bias, accumulate: false,
        lora: .init(a: loraA, b: loraB, r: r, scale: scale)
      ).run()
    }
  }

  /// `C = A · B (+ C when accumulate)`: A `[m, k]`, B `[k, n]`, C `[m, n]`.
  /// In a backward pass: `dX = dY · W`.
  public static func matmul(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, accumulate: Bool = false
  ) {
    guard m > 0, n > 0 else { return }
    StridedMatMul(a: a, rowStride: k, stepStride: 1, b: b, c: c, m: m, n: n, k: k, accumulate: accumulate).run()
  }

  /// `C = Aᵀ · B (+ C when accumulate)`: A `[k, m]`, B `[k, n]`, C `[m, n]`.
  /// In a backward pass: `dW = dYᵀ · X`.
  public static func matmulTransposedA(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, accumulate: Bool = false
  ) {
    guard m > 0, n > 0 else { return }
    StridedMatMul(a: a, rowStride: 1, stepStride: m, b: b, c: c, m: m, n: n, k: k, accumulate: accumulate).run()
  }

  static func fillBiasOnly(
    _ c: UnsafeMutablePointer<Float>, m: Int, n: Int, bias: UnsafePointer<Float>?, accumulate: Bool
  ) {
    for i in 0..<m {
      for j in 0..<n {
        c[i * n + j] = (accumulate ? c[i * n + j] : 0) + (bias.map { $0[j] } ?? 0)
      }
    }
  }
}
