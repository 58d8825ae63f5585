/// The kernels the engine calls: accelerated when the CPU allows, the reference loops otherwise.
///
/// Raw-pointer API in the style of llm.c. All matrices are row-major, contiguous Float32;
/// outputs must not overlap inputs. Tiny products (fewer than ``smallWork`` multiply-adds) use
/// the reference loops, where call overhead would dominate anyway.
public enum Kernels {
  /// The kernel set chosen for this process (see ``KernelSet/current``).
  public static var set: KernelSet { KernelSet.current }

  /// Products with fewer multiply-adds than this run the reference loops.
  public static let smallWork = 512

  /// The set that runs a product of `work` multiply-adds.
  @inline(__always)
  static func set(for work: Int) -> KernelSet {
    work >= smallWork ? KernelSet.current : KernelSet.reference
  }

  /// `C = A · Bᵀ (+ bias) (+ C when accumulate)`: A `[m, k]`, B `[n, k]` (PyTorch weight
  /// `[out, in]`), bias `[n]`, C `[m, n]`. The forward pass of `nn.Linear`.
  public static func gemm(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, bias: UnsafePointer<Float>? = nil, accumulate: Bool = false
  ) {
    set(for: m * n * k).gemm(a, b, c, m, n, k, bias, accumulate)
  }

  /// Fused unmerged LoRA forward `Y = X Wᵀ + bias + scale · (X Aᵀ) Bᵀ`: X `[m, k]`, W `[n, k]`,
  /// bias `[n]`, A `[r, k]`, B `[n, r]`, Y `[m, n]`. `B · A` is never formed; the low-rank term
  /// is folded into the base GEMM's tiles (`[X | T]·[W | B]ᵀ` with `T = scale · X Aᵀ`).
  public static func loraForward(
    x: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    loraA: UnsafePointer<Float>, loraB: UnsafePointer<Float>, scale: Float,
    output: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, r: Int
  ) {
    set(for: m * n * k).loraForward(x, weight, bias, loraA, loraB, scale, output, m, n, k, r)
  }

  /// `C = A · B (+ C when accumulate)`: A `[m, k]`, B `[k, n]`, C `[m, n]`.
  /// Backward uses: `dX = dY · W`, `dT = dY · B_lora`, `dX += dT · A_lora`, merge's `B · A`.
  public static func matmul(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, accumulate: Bool = false
  ) {
    set(for: m * n * k).matmul(a, b, c, m, n, k, accumulate)
  }

  /// `C = Aᵀ · B (+ C when accumulate)`: A `[k, m]`, B `[k, n]`, C `[m, n]`.
  /// Backward uses: `dW = dYᵀ · X`, `dB_lora = dYᵀ · T`, `dA_lora = dTᵀ · X`.
  public static func matmulTransposedA(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, accumulate: Bool = false
  ) {
    set(for: m * n * k).matmulTransposedA(a, b, c, m, n, k, accumulate)
  }
}
