/// The outcome of comparing one metric with its baseline.
public enum Verdict: String, Sendable, Codable, CaseIterable, Comparable {
  /// Significantly worse, and the whole interval is beyond the noise threshold (after confirmation).
  case regressed
  /// Significantly better, and the whole interval is beyond the noise threshold.
  case improved
  /// No change that matters: the interval lies within the noise band, or the test found no
  /// difference and the estimate is inside the band.
  case unchanged
  /// The data cannot decide: too few samples, or the interval straddles the threshold.
  case inconclusive

  /// Severity order for reports: regressed first, then inconclusive, improved, unchanged.
  public static func < (lhs: Verdict, rhs: Verdict) -> Bool {
    lhs.severity > rhs.severity
  }

  var severity: Int {
    switch self {
    case .regressed: 3
    case .inconclusive: 2
    case .improved: 1
    case .unchanged: 0
    }
  }
}

/// Whether a smaller or a larger value of a metric is better.
public enum Polarity: String, Sendable, Codable {
  /// Times, time ratios.
  case smallerIsBetter = "smaller-is-better"
  /// Throughput.
  case largerIsBetter = "larger-is-better"
}
