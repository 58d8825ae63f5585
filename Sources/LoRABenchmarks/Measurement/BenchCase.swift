import BenchRegression
import Dispatch
import Foundation
import Support

/// One kernel on one shape, ready to be timed.
///
/// Public so spec handlers (`bench` blocks) can time their kernels through `InterleavedRunner`.
public struct BenchCase {
  /// The `BenchKernel` name written into the report.
  let kernel: BenchKernel
  let m: Int?
  let n: Int?
  let k: Int?
  let r: Int?
  let model: String?
  /// Floating-point operations per call (nil where throughput is not defined).
  let flops: Double?
  /// Samples to take (the reference takes fewer; it is slow).
  let samples: Int
  /// Multiplies every timed call (a subsampled reference extrapolates to the full shape).
  let timeScale: Double
  let note: String?
  let body: () -> Void

  /// A case: `body` is one call of the kernel; `flops` per call, `samples` to take,
  /// `timeScale` to extrapolate a subsampled call to the full shape.
  public init(
    _ kernel: BenchKernel, m: Int? = nil, n: Int? = nil, k: Int? = nil, r: Int? = nil, model: String? = nil,
    flops: Double?, samples: Int, timeScale: Double = 1, note: String? = nil, body: @escaping () -> Void
  ) {
    self.kernel = kernel
    self.m = m
    self.n = n
    self.k = k
    self.r = r
    self.model = model
    self.flops = flops
    self.samples = samples
    self.timeScale = timeScale
    self.note = note
    self.body = body
  }
}

/// Monotonic wall time in milliseconds, or the process's CPU time (all threads) when the
/// environment sets `LORA_SPEC_BENCH_CLOCK=cpu` (a tuning aid on an oversubscribed machine:
/// CPU time ignores time spent waiting for a core, so divide by the threads used).
@inline(__always)
func nowMilliseconds() -> Double {
  if useCPUClock {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) * 1e3 + Double(spec.tv_nsec) / 1e6
  }
  return Double(DispatchTime.now().uptimeNanoseconds) / 1e6
}

let useCPUClock = ProcessInfo.processInfo.environment["LORA_SPEC_BENCH_CLOCK"] == "cpu"

/// Times a group of cases interleaved: each sample round runs every case once (in a rotating
/// order), so a busy machine slows all of them alike and ratios stay meaningful.
public struct InterleavedRunner {
  /// Each sample repeats a call until it lasts at least this long (then divides).
  let minimumSampleMs: Double
  let progress: (String) -> Void

  /// A runner whose samples last at least `minimumSampleMs`; `progress` gets one line per step.
  public init(minimumSampleMs: Double, progress: @escaping (String) -> Void) {
    self.minimumSampleMs = minimumSampleMs
    self.progress = progress
  }

  /// Warms up and calibrates each case with one call, then takes the samples in rounds
  /// (every case once per round, rotating the order). One result per case, in order, with
  /// its raw per-call times in milliseconds.
  public func run(_ cases: [BenchCase]) -> [BenchResult] {
    // Warm-up and calibration: one call each (pages touched, threads started, caches warm).
    var repetitions: [Int] = []
    for item in cases {
      progress("  warm-up \(item.kernel.rawValue) \(shape(item))")
      let start = nowMilliseconds()
      item.body()
      let elapsed = max(nowMilliseconds() - start, 1e-3)
      repetitions.append(item.timeScale > 1 ? 1 : max(1, min(1000, Int((minimumSampleMs / elapsed).rounded(.up)))))
    }
    var samples = sample(cases, repetitions: repetitions, indices: Array(cases.indices))
    // A group with a row whose spread exceeds the limit is measured once more, all rows
    // interleaved again (ratios stay within one set of rounds); the steadier set is kept and the
    // table flags rows that stay unsteady.
    let unsteady = cases.indices.filter { SampleSpread.unsteady(samples[$0]) }
    if !unsteady.isEmpty {
      progress("  re-measuring: \(unsteady.count) row(s) with a spread over 10 %")
      let again = sample(cases, repetitions: repetitions, indices: Array(cases.indices))
      let worst = { (set: [[Double]]) in set.map { SampleSpread.of($0) ?? 0 }.max() ?? 0 }
      if worst(again) < worst(samples) { samples = again }
    }
    return zip(cases, samples).map { item, taken in
      let median = Descriptive.median(taken) ?? 0
      return BenchResult(
        kernel: item.kernel.rawValue, m: item.m, n: item.n, k: item.k, r: item.r, model: item.model,
        samplesMs: taken, medianMs: median, gflops: item.flops.map { median > 0 ? $0 / (median * 1e6) : 0 },
        note: item.note)
    }
  }

  /// Takes the samples of the cases at `indices` in rounds (each once per round, rotating the
  /// order); the result has one (possibly empty) sample list per case.
  func sample(_ cases: [BenchCase], repetitions: [Int], indices: [Int]) -> [[Double]] {
    var samples = [[Double]](repeating: [], count: cases.count)
    let rounds = indices.map { cases[$0].samples }.max() ?? 0
    for round in 0..<rounds {
      progress("  round \(round + 1)/\(rounds)")
      for offset in 0..<indices.count {
        let index = indices[(offset + round) % indices.count]
        let item = cases[index]
        guard round < item.samples else { continue }
        let reps = repetitions[index]
        let start = nowMilliseconds()
        for _ in 0..<reps { item.body() }
        samples[index].append((nowMilliseconds() - start) / Double(reps) * item.timeScale)
      }
    }
    return samples
  }

  func shape(_ item: BenchCase) -> String {
    if let model = item.model { return model }
    var parts: [String] = []
    if let m = item.m { parts.append("M=\(m)") }
    if let r = item.r { parts.append("r=\(r)") }
    return parts.joined(separator: " ")
  }
}
