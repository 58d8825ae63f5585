import BenchRegression
import Foundation
import LoRABenchmarks
import LoRANumerics
import RunResults

/// Times the real kernels of a `bench` block with `lora-spec bench`'s machinery
/// (`BenchBuffer`, `BenchCase`, `InterleavedRunner`): one warm-up call each, then the samples
/// in rounds that alternate the two kernels, each sample lasting at least ``minimumSampleMs``.
public struct KernelSampler: BenchSampler {
  /// Each sample repeats its call until it lasts this long (short kernels are averaged).
  public var minimumSampleMs: Double
  /// Multiply-adds one call of the slow reference GEMM may do; it runs on a subset of the
  /// output columns and its time is extrapolated (as `lora-spec bench` does).
  public var referenceWork: Int
  /// The LoRA scaling `lora_alpha / r` of the adapter kernels (any value costs the same).
  public var scale: Float

  /// A sampler with 10 ms samples and a 4M multiply-add reference budget.
  public init(minimumSampleMs: Double = 10, referenceWork: Int = 1 << 22, scale: Float = 2) {
    self.minimumSampleMs = minimumSampleMs
    self.referenceWork = referenceWork
    self.scale = scale
  }

  public func measure(_ request: BenchRequest) throws -> BenchSamples {
    guard let kernel = BenchKernelName.kernel(request.kernel) else {
      throw SpecKernelError.unknown(request.kernel)
    }
    let baseline = try request.baseline.map { name -> BenchKernel in
      guard let found = BenchKernelName.kernel(name) else { throw SpecKernelError.unknown(name) }
      return found
    }
    let needsBLAS = [kernel, baseline].contains { $0 == .openblasSgemm || $0 == .openblasLoRA }
    let blas = needsBLAS ? OpenBLAS(threads: ProcessInfo.processInfo.activeProcessorCount) : nil
    if needsBLAS, blas == nil {
      throw BenchUnavailable(
        "OpenBLAS is not installed (tried \(OpenBLAS.candidates.joined(separator: ", "))); "
          + "install it (Debian: apt-get install libopenblas0) to measure this block")
    }
    let operands = Operands(shape: request.shape, scale: scale)
    var cases = [try makeCase(kernel, operands, blas: blas, samples: request.samples)]
    if let baseline { cases.append(try makeCase(baseline, operands, blas: blas, samples: request.samples)) }
    let results = InterleavedRunner(minimumSampleMs: minimumSampleMs, progress: { _ in }).run(cases)
    return BenchSamples(
      kernelMs: results.first?.samplesMs ?? [], baselineMs: results.count > 1 ? results[1].samplesMs : [])
  }

  /// The inputs both kernels read, and an output and scratch buffer for each call.
  final class Operands {
    let shape: BenchShape
    let scale: Float
    let x: BenchBuffer
    let weight: BenchBuffer
    let loraA: BenchBuffer
    let loraB: BenchBuffer
    let scratch: BenchBuffer
    /// `W + scale · B·A`, made on first use.
    lazy var merged: BenchBuffer = {
      let (n, k, r) = (shape.n, shape.k, shape.r)
      let delta = BenchBuffer(count: n * k, seed: 0)
      Kernels.matmul(loraB.constant, loraA.constant, delta.pointer, m: n, n: k, k: r)
      for i in 0..<(n * k) { delta.pointer[i] = weight.pointer[i] + scale * delta.pointer[i] }
      return delta
    }()

    init(shape: BenchShape, scale: Float) {
      self.shape = shape
      self.scale = scale
      x = BenchBuffer(count: shape.m * shape.k, seed: 11)
      weight = BenchBuffer(count: shape.n * shape.k, seed: 1, scale: 0.02)
      loraA = BenchBuffer(count: shape.r * shape.k, seed: 101, scale: 0.02)
      loraB = BenchBuffer(count: shape.n * shape.r, seed: 201, scale: 0.02)
      scratch = BenchBuffer(count: shape.m * shape.r, seed: 0)
    }
  }

  func makeCase(_ kernel: BenchKernel, _ o: Operands, blas: OpenBLAS?, samples: Int) throws -> BenchCase {
    let (m, n, k, r) = (o.shape.m, o.shape.n, o.shape.k, o.shape.r)
    let y = BenchBuffer(count: m * n, seed: 0)
    let flops = BenchKernelName.flops(kernel, o.shape)
    let (x, w, a, b, t, scale) = (o.x, o.weight, o.loraA, o.loraB, o.scratch, o.scale)
    func bench(_ timeScale: Double = 1, _ body: @escaping () -> Void) -> BenchCase {
      BenchCase(kernel, m: m, n: n, k: k, r: r, flops: flops, samples: samples, timeScale: timeScale, body: body)
    }
    switch kernel {
    case .gemm:
      return bench { Kernels.gemm(x.constant, w.constant, y.pointer, m: m, n: n, k: k) }
    case .referenceGemm:
      let subset = max(1, min(n, referenceWork / max(1, m * k)))
      return bench(Double(n) / Double(subset)) {
        ReferenceKernels.gemm(x.constant, w.constant, y.pointer, m: m, n: subset, k: k)
      }
    case .loraFused:
      return bench {
        Kernels.loraForward(
          x: x.constant, weight: w.constant, bias: nil, loraA: a.constant, loraB: b.constant, scale: scale,
          output: y.pointer, m: m, n: n, k: k, r: r)
      }
    case .loraUnfused:
      return bench {
        Kernels.gemm(x.constant, a.constant, t.pointer, m: m, n: r, k: k)
        for i in 0..<(m * r) { t.pointer[i] *= scale }
        Kernels.gemm(x.constant, w.constant, y.pointer, m: m, n: n, k: k)
        Kernels.gemm(t.constant, b.constant, y.pointer, m: m, n: n, k: r, accumulate: true)
      }
    case .merged:
      let merged = o.merged
      return bench { Kernels.gemm(x.constant, merged.constant, y.pointer, m: m, n: n, k: k) }
    case .openblasSgemm:
      guard let blas else { throw BenchUnavailable("OpenBLAS is not installed") }
      return bench { blas.sgemmABt(x.constant, w.constant, y.pointer, m: m, n: n, k: k) }
    case .openblasLoRA:
      guard let blas else { throw BenchUnavailable("OpenBLAS is not installed") }
      return bench {
        blas.sgemmABt(x.constant, a.constant, t.pointer, m: m, n: r, k: k, alpha: scale)
        blas.sgemmABt(x.constant, w.constant, y.pointer, m: m, n: n, k: k)
        blas.sgemmABt(t.constant, b.constant, y.pointer, m: m, n: n, k: r, beta: 1)
      }
    default:
      throw SpecKernelError.unknown(kernel.rawValue)
    }
  }
}

/// A kernel name the sampler does not know (the block parser rejects these first).
enum SpecKernelError: Error, CustomStringConvertible {
  case unknown(String)

  var description: String {
    switch self {
    case .unknown(let name):
      "unknown kernel '\(name)' (kernels: \(BenchKernelName.names.joined(separator: ", ")))"
    }
  }
}
