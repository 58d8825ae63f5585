import LoRAKernelsAVX2
import LoRAKernelsAVX512

/// One implementation of every kernel the engine calls, chosen once per process.
///
/// Three sets exist: ``reference`` (plain loops, runs anywhere), ``avx2`` (`LoRAKernelsAVX2`,
/// AVX2 + FMA) and ``avx512`` (`LoRAKernelsAVX512` tiles for the GEMM and fused LoRA forward with
/// `M > 4`; the AVX2 dot-product and backward kernels elsewhere). Each accelerated module is
/// compiled for its ISA only, so a set is called only when ``CPUFeatures`` lists everything in
/// ``requiredFeatures``. Raw-pointer API: row-major, contiguous Float32, outputs never overlap
/// inputs.
public struct KernelSet: Sendable {
  /// `C = A · Bᵀ (+ bias) (+ C when accumulate)`: A `[m, k]`, B `[n, k]`, C `[m, n]`.
  public typealias GEMM =
    @Sendable (
      _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
      _ m: Int, _ n: Int, _ k: Int, _ bias: UnsafePointer<Float>?, _ accumulate: Bool
    ) -> Void
  /// `Y = X Wᵀ + bias + scale · (X Aᵀ) Bᵀ` (x, weight, bias, loraA, loraB, scale, output, m, n, k, r).
  public typealias LoRAForward =
    @Sendable (
      _ x: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, _ bias: UnsafePointer<Float>?,
      _ loraA: UnsafePointer<Float>, _ loraB: UnsafePointer<Float>, _ scale: Float,
      _ output: UnsafeMutablePointer<Float>, _ m: Int, _ n: Int, _ k: Int, _ r: Int
    ) -> Void
  /// `C = A · Wᵀ (+ bias) (+ C when accumulate)` with W `[n, k]` as bf16 bit patterns.
  public typealias GEMMBF16 =
    @Sendable (
      _ a: UnsafePointer<Float>, _ w: UnsafePointer<UInt16>, _ c: UnsafeMutablePointer<Float>,
      _ m: Int, _ n: Int, _ k: Int, _ bias: UnsafePointer<Float>?, _ accumulate: Bool
    ) -> Void
  /// `C = A · B` or `C = Aᵀ · B` (+ C when accumulate), as in the backward pass.
  public typealias MatMul =
    @Sendable (
      _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
      _ m: Int, _ n: Int, _ k: Int, _ accumulate: Bool
    ) -> Void

  /// The name reported by benches and the JUnit/JSON `kernel` property (`reference`, `avx2-fma`,
  /// `avx512`).
  public let name: String
  /// Names `LORA_SPEC_KERNELS` accepts for this set.
  public let requestNames: [String]
  /// CPU flags (as `/proc/cpuinfo` spells them) the set's modules are compiled for.
  public let requiredFeatures: [String]
  /// `C = A · Bᵀ (+ bias) (+ C)`: the forward pass of `nn.Linear`.
  public let gemm: GEMM
  /// The fused unmerged LoRA forward.
  public let loraForward: LoRAForward
  /// `C = A · B (+ C)`: A `[m, k]`, B `[k, n]`.
  public let matmul: MatMul
  /// `C = Aᵀ · B (+ C)`: A `[k, m]`, B `[k, n]`.
  public let matmulTransposedA: MatMul
  /// `C = A · Wᵀ (+ bias) (+ C)` over bf16 weights, accumulated in fp32.
  public let gemmBF16: GEMMBF16
  /// An FMA-bound loop of the set's widest vectors (`iterations` rounds; the result only keeps
  /// the work alive): what the bench measures the peak with.
  public let peakLoop: @Sendable (_ iterations: Int) -> Float
  /// Floating-point operations one round of ``peakLoop`` performs.
  public let peakFlopsPerIteration: Int

  /// The plain-loop ``ReferenceKernels``: the oracle, and the fallback on any CPU.
  public static let reference = KernelSet(
    name: "reference", requestNames: ["reference"], requiredFeatures: [],
    gemm: { ReferenceKernels.gemm($0, $1, $2, m: $3, n: $4, k: $5, bias: $6, accumulate: $7) },
    loraForward: {
      ReferenceKernels.loraForward(
        x: $0, weight: $1, bias: $2, loraA: $3, loraB: $4, scale: $5, output: $6, m: $7, n: $8, k: $9, r: $10)
    },
    matmul: { ReferenceKernels.matmul($0, $1, $2, m: $3, n: $4, k: $5, accumulate: $6) },
    matmulTransposedA: { ReferenceKernels.matmulTransposedA($0, $1, $2, m: $3, n: $4, k: $5, accumulate: $6) },
    gemmBF16: { BF16Kernels.referenceGEMM($0, $1, $2, m: $3, n: $4, k: $5, bias: $6, accumulate: $7) },
    peakLoop: ReferencePeak.run(iterations:), peakFlopsPerIteration: ReferencePeak.flopsPerIteration)

  /// `LoRAKernelsAVX2`: packed 32x3 / 16x4 `SIMD8` tiles, dot products for `M <= 4`.
  public static let avx2 = KernelSet(
    name: "avx2-fma", requestNames: ["avx2", "avx2-fma"], requiredFeatures: ["avx2", "fma", "f16c"],
    gemm: avx2Float32GEMM,
    loraForward: {
      AVX2Kernels.loraForward(
        x: $0, weight: $1, bias: $2, loraA: $3, loraB: $4, scale: $5, output: $6, m: $7, n: $8, k: $9, r: $10)
    },
    matmul: { AVX2Kernels.matmul($0, $1, $2, m: $3, n: $4, k: $5, accumulate: $6) },
    matmulTransposedA: { AVX2Kernels.matmulTransposedA($0, $1, $2, m: $3, n: $4, k: $5, accumulate: $6) },
    gemmBF16: { BF16Kernels.widenedGEMM(avx2Float32GEMM, $0, $1, $2, m: $3, n: $4, k: $5, bias: $6, accumulate: $7) },
    peakLoop: AVX2Peak.run(iterations:), peakFlopsPerIteration: AVX2Peak.flopsPerIteration)

  /// `LoRAKernelsAVX512` for the GEMM and fused forward with `M > 4` (32x12 / 16x12 `SIMD16`
  /// tiles); the AVX2 set's memory-bound dot products (`M <= 4`) and backward kernels.
  public static let avx512 = KernelSet(
    name: "avx512", requestNames: ["avx512"],
    requiredFeatures: ["avx512f", "avx512bw", "avx512vl", "avx512dq"] + avx2.requiredFeatures,
    gemm: avx512Float32GEMM,
    loraForward: { x, weight, bias, loraA, loraB, scale, output, m, n, k, r in
      if m <= 4 {
        avx2.loraForward(x, weight, bias, loraA, loraB, scale, output, m, n, k, r)
      } else {
        AVX512Kernels.loraForward(
          x: x, weight: weight, bias: bias, loraA: loraA, loraB: loraB, scale: scale, output: output,
          m: m, n: n, k: k, r: r)
      }
    },
    matmul: avx2.matmul, matmulTransposedA: avx2.matmulTransposedA,
    gemmBF16: { a, w, c, m, n, k, bias, accumulate in
      if m == 1 {
        AVX512Kernels.gemvBF16(a, w, c, n: n, k: k, bias: bias, accumulate: accumulate)
      } else {
        BF16Kernels.widenedGEMM(avx512Float32GEMM, a, w, c, m: m, n: n, k: k, bias: bias, accumulate: accumulate)
      }
    },
    peakLoop: AVX512Peak.run(iterations:), peakFlopsPerIteration: AVX512Peak.flopsPerIteration)

  /// The AVX2 fp32 GEMM (what the AVX2 set's bf16 path widens into).
  static let avx2Float32GEMM: GEMM = { AVX2Kernels.gemm($0, $1, $2, m: $3, n: $4, k: $5, bias: $6, accumulate: $7) }

  /// The AVX-512 set's fp32 GEMM: AVX2 dot products for `M <= 4`, AVX-512 tiles above.
  static let avx512Float32GEMM: GEMM = { a, b, c, m, n, k, bias, accumulate in
    if m <= 4 {
      avx2Float32GEMM(a, b, c, m, n, k, bias, accumulate)
    } else {
      AVX512Kernels.gemm(a, b, c, m: m, n: n, k: k, bias: bias, accumulate: accumulate)
    }
  }

  /// Every set, slowest first.
  public static let all: [KernelSet] = [reference, avx2, avx512]

  /// The sets `features` can run.
  public static func available(on features: CPUFeatures = .current) -> [KernelSet] {
    all.filter { $0.missingFeatures(on: features).isEmpty }
  }

  /// The features of ``requiredFeatures`` that `features` lacks.
  public func missingFeatures(on features: CPUFeatures) -> [String] {
    requiredFeatures.filter { !features.flags.contains($0) }
  }
}
