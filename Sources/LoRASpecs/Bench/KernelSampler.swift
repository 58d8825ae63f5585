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
    let columns = kernel == .referenceGemm ? max(1, min(n, referenceWork / max(1, m * k))) : n
    let operands = KernelOperands(
      x: o.x, weight: o.weight, loraA: o.loraA, loraB: o.loraB, merged: kernel == .merged ? o.merged : nil,
      scratch: o.scratch, output: BenchBuffer(count: m * n, seed: 0), scale: o.scale, m: m, n: n, k: k, r: r)
    guard let body = kernel.work(on: operands, blas: blas, referenceColumns: columns) else {
      if [.openblasSgemm, .openblasLoRA].contains(kernel) { throw BenchUnavailable("OpenBLAS is not installed") }
      throw SpecKernelError.unknown(kernel.rawValue)
    }
    return BenchCase(
      kernel, m: m, n: n, k: k, r: r, flops: BenchKernelName.flops(kernel, o.shape), samples: samples,
      timeScale: Double(n) / Double(columns), body: body)
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
