import BenchRegression

/// One performance goal of issue 4, checked on the results of a single run.
public struct BenchGoal: Sendable, Equatable {
  /// Whether the measured value must be at least or at most the target.
  public enum Direction: String, Sendable { case atLeast = ">=", atMost = "<=" }

  /// What is compared, for example `gemm / openblas-sgemm throughput, M=16`.
  public let name: String
  public let direction: Direction
  public let target: Double
  /// The measured ratio (or value), nil when a row it needs is missing.
  public let measured: Double?

  /// Whether the goal is met; nil when it could not be measured.
  public var met: Bool? {
    measured.map { direction == .atLeast ? $0 >= target : $0 <= target }
  }

  /// Evaluates every goal that applies to `results` (rows of one run, peer rows included).
  /// `peakGFLOPS` is the peak the share-of-peak goals divide by (nil: each shape's measured
  /// `peak-fma` row; without one those goals are skipped).
  public static func evaluate(_ results: [BenchResult], peakGFLOPS: Double?) -> [BenchGoal] {
    let table = ResultLookup(results)
    var goals: [BenchGoal] = []
    for m in table.tokenCounts {
      let gemm = table.median("gemm", m: m)
      if m == 1 {
        goals.append(
          .init(
            "gemm / openblas-sgemv throughput, M=1", .atLeast, 0.95, ratio(table.median("openblas-sgemv", m: m), gemm)))
      } else {
        let target = m >= 512 ? 0.95 : 1.0
        goals.append(
          .init(
            "gemm / openblas-sgemm throughput, M=\(m)", .atLeast, target,
            ratio(table.median("openblas-sgemm", m: m), gemm)))
      }
      let peak = peakGFLOPS ?? table.result(BenchKernel.peakFMA.rawValue, m: m)?.gflops
      if m >= 128, let peak, peak > 0, let gflops = table.result("gemm", m: m)?.gflops {
        goals.append(.init("gemm share of \(Int(peak)) GFLOP/s peak, M=\(m)", .atLeast, 0.80, gflops / peak))
      }
      goals.append(
        .init(
          "gemm speed-up over reference-gemm, M=\(m)", .atLeast, 50, ratio(table.median("reference-gemm", m: m), gemm)))
      if m >= 16 {
        for (r, limit) in [(16, 1.05), (64, 1.10)] {
          goals.append(
            .init(
              "lora-fused r=\(r) time / gemm time, M=\(m)", .atMost, limit,
              ratio(table.median("lora-fused", m: m, r: r), gemm)))
        }
      }
      goals.append(
        .init(
          "lora-fused / openblas-lora time, r=16, M=\(m)", .atMost, 1.0,
          ratio(table.median("lora-fused", m: m, r: 16), table.median("openblas-lora", m: m, r: 16))))
      let peftTarget: [Int: Double] = [16: 0.4, 128: 0.8, 512: 0.9]
      if let target = peftTarget[m] {
        goals.append(
          .init(
            "lora-fused / peft-unmerged time, r=16, M=\(m)", .atMost, target,
            ratio(table.median("lora-fused", m: m, r: 16), table.median("peft-unmerged", m: m, r: 16))))
      }
    }
    if let plan = results.first(where: { $0.kernel == "plan" && $0.model == "llama-3-70b" && !$0.samplesMs.isEmpty }) {
      goals.append(.init("plan llama-3-70b all-linear, ms", .atMost, 10, plan.medianMs))
    }
    return goals
  }

  init(_ name: String, _ direction: Direction, _ target: Double, _ measured: Double?) {
    self.name = name
    self.direction = direction
    self.target = target
    self.measured = measured
  }

  static func ratio(_ numerator: Double?, _ denominator: Double?) -> Double? {
    guard let numerator, let denominator, denominator > 0, numerator > 0 else { return nil }
    return numerator / denominator
  }
}

/// Finds rows of a run by kernel, M and r.
struct ResultLookup {
  let results: [BenchResult]

  init(_ results: [BenchResult]) { self.results = results }

  var tokenCounts: [Int] {
    Array(Set(results.filter { $0.kernel == "gemm" }.compactMap(\.m))).sorted()
  }

  func result(_ kernel: String, m: Int, r: Int? = nil) -> BenchResult? {
    results.first { $0.kernel == kernel && $0.m == m && (r == nil || $0.r == r) && !$0.samplesMs.isEmpty }
  }

  func median(_ kernel: String, m: Int, r: Int? = nil) -> Double? {
    result(kernel, m: m, r: r)?.medianMs
  }
}
