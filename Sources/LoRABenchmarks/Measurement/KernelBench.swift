import BenchRegression
import Foundation
import LoRANumerics

/// `lora-spec bench`'s measurements: kernels on LoRA-sized shapes, side by side, plus planning.
public struct KernelBench {
  public let options: BenchOptions
  public let planWorkloads: [PlanWorkload]
  let progress: (String) -> Void

  /// Creates a bench. `progress` receives one line per step (the CLI writes it to stderr).
  public init(options: BenchOptions, planWorkloads: [PlanWorkload], progress: @escaping (String) -> Void) {
    self.options = options
    self.planWorkloads = planWorkloads
    self.progress = progress
  }

  /// Runs every measurement and returns the report (date, fingerprint, results).
  public func run() -> BenchReport {
    let date = ISO8601DateFormatter().string(from: Date())
    let blas = OpenBLAS(threads: ProcessInfo.processInfo.activeProcessorCount)
    progress("kernels: \(KernelSet.current.name); OpenBLAS: \(blas?.libraryName ?? "not installed")")
    let runner = InterleavedRunner(minimumSampleMs: options.minimumSampleMs, progress: progress)
    let d = options.features
    let weight = BenchBuffer(count: d * d, seed: 1, scale: 0.02)
    let adapters = options.ranks.map { r in
      (
        r: r, a: BenchBuffer(count: r * d, seed: UInt64(100 + r), scale: 0.02),
        b: BenchBuffer(count: d * r, seed: UInt64(200 + r), scale: 0.02)
      )
    }
    let merged = mergedWeight(weight, adapters: adapters, d: d)
    let weightBF16 = BF16BenchBuffer(weight)

    var results: [BenchResult] = []
    for m in options.tokenCounts {
      progress("M = \(m), d_in = d_out = \(d)")
      var cases = shapeCases(m: m, d: d, weight: weight, adapters: adapters, merged: merged, blas: blas)
      cases.insert(bf16Case(m: m, d: d, weight: weightBF16), at: 2)
      results += runner.run(cases)
    }
    results += planResults(runner)
    return BenchReport(date: date, fingerprint: MachineFingerprint.current(), results: results)
  }

  /// The kernel set's FMA-bound loop on every available thread at once (one call: about a
  /// millisecond per thread at 100 GFLOP/s), interleaved with the rows of shape `m`: the peak
  /// that shape's share-of-peak goal divides by, measured under the same load.
  func peakCase(m: Int) -> BenchCase {
    let set = Kernels.set
    let threads = KernelSet.threads
    let iterations = (1 << 27) / set.peakFlopsPerIteration
    let flops = Double(iterations * set.peakFlopsPerIteration * threads)
    return BenchCase(
      .peakFMA, m: m, flops: flops, samples: options.samples,
      note: "FMA-bound loop, \(set.name), \(threads) thread\(threads == 1 ? "" : "s")"
    ) { set.runPeakLoopOnAllThreads(iterations: iterations) }
  }

  /// The GEMM over bf16 weights on the M x d x d shape.
  func bf16Case(m: Int, d: Int, weight: BF16BenchBuffer) -> BenchCase {
    let x = BenchBuffer(count: m * d, seed: UInt64(10 + m))
    let y = BenchBuffer(count: m * d, seed: 0)
    let set = Kernels.set
    return BenchCase(
      .gemmBF16, m: m, n: d, k: d, flops: 2 * Double(m) * Double(d) * Double(d), samples: options.samples
    ) {
      set.gemmBF16(x.constant, weight.constant, y.pointer, m, d, d, nil, false)
    }
  }

  func mergedWeight(_ weight: BenchBuffer, adapters: [(r: Int, a: BenchBuffer, b: BenchBuffer)], d: Int) -> BenchBuffer?
  {
    guard let adapter = adapters.first(where: { $0.r == options.mergedRank }) else { return nil }
    let merged = BenchBuffer(count: d * d, seed: 0)
    Kernels.matmul(adapter.b.constant, adapter.a.constant, merged.pointer, m: d, n: d, k: adapter.r)
    for i in 0..<(d * d) { merged.pointer[i] = weight.pointer[i] + options.scale * merged.pointer[i] }
    return merged
  }

  func shapeCases(
    m: Int, d: Int, weight: BenchBuffer, adapters: [(r: Int, a: BenchBuffer, b: BenchBuffer)], merged: BenchBuffer?,
    blas: OpenBLAS?
  ) -> [BenchCase] {
    let x = BenchBuffer(count: m * d, seed: UInt64(10 + m))
    let y = BenchBuffer(count: m * d, seed: 0)
    let t = BenchBuffer(count: m * (options.ranks.max() ?? 1), seed: 0)
    let base = 2 * Double(m) * Double(d) * Double(d)
    let samples = options.samples
    let scale = options.scale
    var cases: [BenchCase] = [peakCase(m: m)]

    let subset = max(1, min(d, options.referenceWork / max(1, m * d)))
    var operands = KernelOperands(
      x: x, weight: weight, loraA: nil, loraB: nil, merged: merged, scratch: t, output: y, scale: scale, m: m, n: d,
      k: d, r: options.mergedRank)
    func add(
      _ kernel: BenchKernel, flops: Double, r: Int? = nil, samples: Int, timeScale: Double = 1, note: String? = nil
    ) {
      guard let body = kernel.work(on: operands, blas: blas, referenceColumns: subset) else { return }
      cases.append(
        BenchCase(
          kernel, m: m, n: d, k: d, r: r, flops: flops, samples: samples, timeScale: timeScale, note: note, body: body))
    }
    add(
      .referenceGemm, flops: base, samples: options.referenceSamples, timeScale: Double(d) / Double(subset),
      note: subset < d ? "extrapolated from \(subset) of \(d) output columns" : nil)
    add(.gemm, flops: base, samples: samples)
    add(.openblasSgemm, flops: base, samples: samples)
    add(.openblasSgemv, flops: base, samples: samples)
    for adapter in adapters {
      operands.loraA = adapter.a
      operands.loraB = adapter.b
      operands.r = adapter.r
      let flops = 2 * Double(m) * (Double(d) * Double(d) + Double(adapter.r) * Double(d) * 2)
      add(.loraFused, flops: flops, r: adapter.r, samples: samples)
      add(.loraUnfused, flops: flops, r: adapter.r, samples: samples, note: "three GEMMs")
      add(.openblasLoRA, flops: flops, r: adapter.r, samples: samples, note: "three sgemm calls")
    }
    operands.r = options.mergedRank
    add(.merged, flops: base, r: options.mergedRank, samples: samples)
    return cases
  }

  func planResults(_ runner: InterleavedRunner) -> [BenchResult] {
    var cases: [BenchCase] = []
    var failures: [BenchResult] = []
    for workload in planWorkloads {
      do {
        try workload.run()
        cases.append(
          BenchCase(.plan, model: workload.model, flops: nil, samples: options.samples) { try? workload.run() })
      } catch {
        progress("plan \(workload.model) failed: \(error)")
        failures.append(
          BenchResult(kernel: BenchKernel.plan.rawValue, model: workload.model, samplesMs: [], note: "failed: \(error)")
        )
      }
    }
    guard !cases.isEmpty else { return failures }
    progress("planning")
    return runner.run(cases) + failures
  }
}
