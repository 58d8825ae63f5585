import LoRAKernelsAVX2

/// The kernels the engine calls: accelerated when the CPU allows, the reference loops otherwise.
///
/// Raw-pointer API in the style of llm.c. All matrices are row-major, contiguous Float32;
/// outputs must not overlap inputs. Tiny products (fewer than ``smallWork`` multiply-adds) use
/// the reference loops, where call overhead would dominate anyway.
public enum Kernels {
  /// The backend chosen for this process (see ``KernelBackend/current``).
  public static var backend: KernelBackend { KernelBackend.current }

  /// Products with fewer multiply-adds than this run the reference loops.
  public static let smallWork = 512

  @inline(__always)
  static func accelerated(_ work: Int) -> Bool {
    work >= smallWork && KernelBackend.current == .avx2FMA
  }

  /// `C = A · Bᵀ (+ bias) (+ C when accumulate)`: A `[m, k]`, B `[n, k]` (PyTorch weight
  /// `[out, in]`), bias `[n]`, C `[m, n]`. The forward pass of `nn.Linear`.
  public static func gemm(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, bias: UnsafePointer<Float>? = nil, accumulate: Bool = false
  ) {
    if accelerated(m * n * k) {
      AVX2Kernels.gemm(a, b, c, m: m, n: n, k: k, bias: bias, accumulate: accumulate)
    } else {
      ReferenceKernels.gemm(a, b, c, m: m, n: n, k: k, bias: bias, accumulate: accumulate)
    }
  }

  /// Fused unmerged LoRA forward `Y = X Wᵀ + bias + scale · (X Aᵀ) Bᵀ`: X `[m, k]`, W `[n, k]`,
  /// bias `[n]`, A `[r, k]`, B `[n, r]`, Y `[m, n]`. `B · A` is never formed; the low-rank term
  /// is folded into the base GEMM's tiles (`[X | T]·[W | B]ᵀ` with `T = scale · X Aᵀ`).
  public static func loraForward(
    x: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    loraA: UnsafePointer<Float>, loraB: UnsafePointer<Float>, scale: Float,
    output: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, r: Int
  ) {
    if accelerated(m * n * k) {
      AVX2Kernels.loraForward(
        x: x, weight: weight, bias: bias, loraA: loraA, loraB: loraB, scale: scale, output: output,
        m: m, n: n, k: k, r: r)
    } else {
      ReferenceKernels.loraForward(
        x: x, weight: weight, bias: bias, loraA: loraA, loraB: loraB, scale: scale, output: output,
        m: m, n: n, k: k, r: r)
    }
  }

  /// `C = A · B (+ C when accumulate)`: A `[m, k]`, B `[k, n]`, C `[m, n]`.
  /// Backward uses: `dX = dY · W`, `dT = dY · B_lora`, `dX += dT · A_lora`, merge's `B · A`.
  public static func matmul(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, accumulate: Bool = false
  ) {
    if accelerated(m * n * k) {
      AVX2Kernels.matmul(a, b, c, m: m, n: n, k: k, accumulate: accumulate)
    } else {
      ReferenceKernels.matmul(a, b, c, m: m, n: n, k: k, accumulate: accumulate)
    }
  }

  /// `C = Aᵀ · B (+ C when accumulate)`: A `[k, m]`, B `[k, n]`, C `[m, n]`.
  /// Backward uses: `dW = dYᵀ · X`, `dB_lora = dYᵀ · T`, `dA_lora = dTᵀ · X`.
  public static func matmulTransposedA(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, accumulate: Bool = false
  ) {
    if accelerated(m * n * k) {
      AVX2Kernels.matmulTransposedA(a, b, c, m: m, n: n, k: k, accumulate: accumulate)
    } else {
      ReferenceKernels.matmulTransposedA(a, b, c, m: m, n: n, k: k, accumulate: accumulate)
    }
  }
}
