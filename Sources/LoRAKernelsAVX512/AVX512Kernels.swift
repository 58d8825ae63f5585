/// Float32 kernels for x86-64 with AVX-512 F/BW/VL/DQ (compiled with `-mavx512f -mavx512bw
/// -mavx512vl -mavx512dq -mfma`): `SIMD16<Float>` tiles using the 32 zmm registers.
///
/// Calling these on a CPU without AVX-512 traps with SIGILL: use `LoRANumerics.Kernels`, which
/// checks the CPU once. All matrices are row-major, contiguous Float32; output memory must not
/// overlap the inputs. Products with `m <= 4` (memory-bound decode) belong to a dot-product
/// kernel; these tiles handle any `m` but are meant for `m > 4`.
public enum AVX512Kernels {
  /// `C = A · Bᵀ (+ bias) (+ C when accumulate)`: A `[m, k]`, B `[n, k]` (PyTorch weight
  /// `[out, in]`), bias `[n]`, C `[m, n]`.
  public static func gemm(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, bias: UnsafePointer<Float>? = nil, accumulate: Bool = false
  ) {
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
      for i in 0..<m {
        for j in 0..<n { c[i * n + j] = (accumulate ? c[i * n + j] : 0) + (bias.map { $0[j] } ?? 0) }
      }
      return
    }
    PackedGEMM(x: a, w: b, c: c, m: m, n: n, k: k, bias: bias, accumulate: accumulate, lora: nil).run()
  }

  /// Fused unmerged LoRA forward `Y = X Wᵀ + bias + scale · (X Aᵀ) Bᵀ`: X `[m, k]`, W `[n, k]`,
  /// bias `[n]`, A `[r, k]`, B `[n, r]`, Y `[m, n]`. Runs the base GEMM's tiles over
  /// `[X | T]·[W | B]ᵀ` with `T = scale · X Aᵀ`: `B · A` is never formed and `Y` is written once.
  public static func loraForward(
    x: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    loraA: UnsafePointer<Float>, loraB: UnsafePointer<Float>, scale: Float,
    output: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, r: Int
  ) {
    guard m > 0, n > 0 else { return }
    guard r > 0, k > 0 else {
      gemm(x, weight, output, m: m, n: n, k: k, bias: bias)
      return
    }
    PackedGEMM(
      x: x, w: weight, c: output, m: m, n: n, k: k, bias: bias, accumulate: false,
      lora: .init(a: loraA, b: loraB, r: r, scale: scale)
    ).run()
  }
}
