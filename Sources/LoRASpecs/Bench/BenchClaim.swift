import BenchRegression
import Foundation
import LoRABenchmarks

/// One threshold a `bench` block states, judged on a measurement with the regression
/// statistics (`Judgement`: Mann–Whitney U for significance, a bootstrap interval of the ratio
/// of medians for relevance).
///
/// Each claim is judged as a comparison against its threshold: the kernel's times against the
/// baseline's times scaled by the threshold (or against the time the claimed GFLOP/s allow), so
/// a "regression" of that comparison is a confident violation of the claim: significant at
/// alpha, with the whole interval beyond the threshold by more than the noise tolerance.
struct BenchClaim: Sendable, Equatable {
  enum Kind: String, Sendable, Equatable {
    case maxRatio = "max_ratio"
    case minRatio = "min_ratio"
    case minGflops = "min_gflops"
  }

  var kind: Kind
  var threshold: Double

  /// `max_ratio <= 1.15`, `min_gflops >= 50`.
  var text: String {
    "\(kind.rawValue) \(kind == .maxRatio ? "<=" : ">=") \(Format.short(threshold))"
  }

  /// The claims of `spec`, in a fixed order.
  static func claims(of spec: BenchSpec) -> [BenchClaim] {
    var claims: [BenchClaim] = []
    if let value = spec.maxRatio { claims.append(BenchClaim(kind: .maxRatio, threshold: value)) }
    if let value = spec.minRatio { claims.append(BenchClaim(kind: .minRatio, threshold: value)) }
    if let value = spec.minGflops { claims.append(BenchClaim(kind: .minGflops, threshold: value)) }
    return claims
  }

  /// What one claim's judgement means for the block.
  enum Status: String, Sendable, Equatable {
    /// The claim holds (or is within the noise tolerance of its threshold).
    case holds
    /// Confidently violated: significant, and the interval wholly beyond the threshold.
    case violated
    /// The data cannot decide.
    case inconclusive
  }

  /// The claim judged on one measurement, with its figures in the claim's own unit.
  struct Finding: Sendable, Equatable {
    var claim: BenchClaim
    var status: Status
    /// The measured value: the ratio of medians, or the kernel's GFLOP/s.
    var value: Double
    /// The interval of `value` at the policy's confidence.
    var low: Double
    var high: Double
    var pValue: Double
    /// The statistics' own sentence (which gate decided).
    var reason: String

    /// The estimate lies on the wrong side of the threshold (whatever the statistics decided).
    var isBeyondThreshold: Bool {
      claim.kind == .maxRatio ? value > claim.threshold : value < claim.threshold
    }
  }

  /// Judges the claim on `samples` under `policy`; `flops` is the kernel's work per call.
  func judge(_ samples: BenchSamples, flops: Double, policy: RegressionPolicy) -> Finding {
    let current = samples.kernelMs
    let reference: [Double]
    let polarity: Polarity
    switch kind {
    case .maxRatio:
      reference = samples.baselineMs.map { $0 * threshold }
      polarity = .smallerIsBetter
    case .minRatio:
      reference = samples.baselineMs.map { $0 * threshold }
      polarity = .largerIsBetter
    case .minGflops:
      // The time one call may take at the claimed throughput, as a constant sample.
      reference = [Double](repeating: flops / (threshold * 1e6), count: current.count)
      polarity = .smallerIsBetter
    }
    let judgement = Judgement.judge(baseline: reference, current: current, polarity: polarity, policy: policy)
    // Holding needs less than violating: an interval wholly on the claim's side of the threshold
    // is enough, even when it reaches into the noise band the regression gates ask to clear.
    let wellInside =
      judgement.interval.map { polarity == .smallerIsBetter ? $0.upper <= 1 : $0.lower >= 1 } ?? false
    let status: Status =
      switch judgement.verdict {
      case .regressed: .violated
      case .improved, .unchanged: .holds
      case .inconclusive: wellInside ? .holds : .inconclusive
      }
    // `judgement` compares with the threshold (1 = exactly at it); convert back to the claim's unit.
    let estimate =
      judgement.interval?.estimate
      ?? (judgement.baselineMedian > 0 ? judgement.currentMedian / judgement.baselineMedian : .nan)
    let lower = judgement.interval?.lower ?? estimate
    let upper = judgement.interval?.upper ?? estimate
    let value: Double
    let low: Double
    let high: Double
    if kind == .minGflops {
      // GFLOP/s = threshold / (time / allowed time): a larger time ratio is a lower throughput.
      (value, low, high) = (threshold / estimate, threshold / upper, threshold / lower)
    } else {
      (value, low, high) = (estimate * threshold, lower * threshold, upper * threshold)
    }
    return Finding(
      claim: self, status: status, value: value, low: low, high: high, pValue: judgement.pValue,
      reason: judgement.reason.replacingOccurrences(
        of: "noise band", with: "noise band around \(Format.short(threshold))"))
  }
}
