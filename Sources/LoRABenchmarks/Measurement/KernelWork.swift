import LoRANumerics

/// The buffers one benchmarked call reads and writes: activations `x` [m, k], the weight
/// [n, k], LoRA factors A [r, k] and B [n, r], a scratch [m, r] and the output [m, n].
public struct KernelOperands {
  public var x: BenchBuffer
  public var weight: BenchBuffer
  public var loraA: BenchBuffer?
  public var loraB: BenchBuffer?
  /// `W + scale · B·A`, for the merged row.
  public var merged: BenchBuffer?
  public var scratch: BenchBuffer
  public var output: BenchBuffer
  public var scale: Float
  public var m: Int
  public var n: Int
  public var k: Int
  public var r: Int

  /// Operands for an `m × k` by `n × k` product with rank-`r` factors.
  public init(
    x: BenchBuffer, weight: BenchBuffer, loraA: BenchBuffer?, loraB: BenchBuffer?, merged: BenchBuffer?,
    scratch: BenchBuffer, output: BenchBuffer, scale: Float, m: Int, n: Int, k: Int, r: Int
  ) {
    self.x = x
    self.weight = weight
    self.loraA = loraA
    self.loraB = loraB
    self.merged = merged
    self.scratch = scratch
    self.output = output
    self.scale = scale
    self.m = m
    self.n = n
    self.k = k
    self.r = r
  }
}

extension BenchKernel {
  /// What one call of this kernel does on `o` — the one definition `lora-spec bench` and the
  /// specs' `bench` blocks both time — or `nil` when the kernel needs what is missing (OpenBLAS,
  /// LoRA factors, merged weights) or is not a kernel on operands. The reference GEMM computes
  /// `referenceColumns` output columns (extrapolated by the caller).
  public func work(on o: KernelOperands, blas: OpenBLAS?, referenceColumns: Int? = nil) -> (() -> Void)? {
    let (x, w, y, t, scale) = (o.x, o.weight, o.output, o.scratch, o.scale)
    let (m, n, k, r) = (o.m, o.n, o.k, o.r)
    switch self {
    case .gemm:
      return { Kernels.gemm(x.constant, w.constant, y.pointer, m: m, n: n, k: k) }
    case .referenceGemm:
      let columns = referenceColumns ?? n
      return { ReferenceKernels.gemm(x.constant, w.constant, y.pointer, m: m, n: columns, k: k) }
    case .openblasSgemm:
      guard let blas else { return nil }
      return { blas.sgemmABt(x.constant, w.constant, y.pointer, m: m, n: n, k: k) }
    case .openblasSgemv:
      guard let blas, m == 1 else { return nil }
      return { blas.sgemv(w.constant, x.constant, y.pointer, n: n, k: k) }
    case .loraFused:
      guard let a = o.loraA, let b = o.loraB else { return nil }
      return {
        Kernels.loraForward(
          x: x.constant, weight: w.constant, bias: nil, loraA: a.constant, loraB: b.constant, scale: scale,
          output: y.pointer, m: m, n: n, k: k, r: r)
      }
    case .loraUnfused:
      guard let a = o.loraA, let b = o.loraB else { return nil }
      return {
        Kernels.gemm(x.constant, a.constant, t.pointer, m: m, n: r, k: k)
        for i in 0..<(m * r) { t.pointer[i] *= scale }
        Kernels.gemm(x.constant, w.constant, y.pointer, m: m, n: n, k: k)
        Kernels.gemm(t.constant, b.constant, y.pointer, m: m, n: n, k: r, accumulate: true)
      }
    case .openblasLoRA:
      guard let blas, let a = o.loraA, let b = o.loraB else { return nil }
      return {
        blas.sgemmABt(x.constant, a.constant, t.pointer, m: m, n: r, k: k, alpha: scale)
        blas.sgemmABt(x.constant, w.constant, y.pointer, m: m, n: n, k: k)
        blas.sgemmABt(t.constant, b.constant, y.pointer, m: m, n: n, k: r, beta: 1)
      }
    case .merged:
      guard let merged = o.merged else { return nil }
      return { Kernels.gemm(x.constant, merged.constant, y.pointer, m: m, n: n, k: k) }
    default:
      return nil
    }
  }
}
