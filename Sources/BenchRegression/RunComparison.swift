/// Every metric of a run compared with a baseline run, with what could not be compared and why.
public struct RunComparison: Sendable, Equatable, Codable {
  /// Schema identifier of the JSON report.
  public static let schema = "lora-spec-bench-comparison/1"

  /// The baseline run's date and commit.
  public var baseline: RunLabel
  /// This run's date and commit.
  public var current: RunLabel
  /// True when the machine identities match, so absolute times were compared.
  public var sameMachine: Bool
  /// Fingerprint fields that differ (empty on the same machine).
  public var machineDifferences: [String]
  /// The compared metrics, most severe verdict first.
  public var comparisons: [MetricComparison]
  /// Metrics present on one side only.
  public var unmatched: [MetricID]

  /// How many metrics got each verdict.
  public func count(_ verdict: Verdict) -> Int { comparisons.filter { $0.verdict == verdict }.count }

  /// The process exit status for this comparison.
  public func exitStatus(strict: Bool) -> RegressionExitStatus {
    RegressionExitStatus(verdicts: comparisons.map(\.verdict), strict: strict)
  }
}

/// The date and commit of a run, for report headers.
public struct RunLabel: Sendable, Equatable, Codable {
  /// ISO 8601 date.
  public var date: String
  /// Git commit, or empty.
  public var commit: String
  /// Host name.
  public var hostname: String

  /// A label.
  public init(date: String, commit: String, hostname: String) {
    self.date = date
    self.commit = commit
    self.hostname = hostname
  }
}

/// Exit codes of a comparison, in package-benchmark's style: 0 nothing changed, 2 a confirmed
/// regression, 3 inconclusive metrics in strict mode, 4 only improvements (update the baseline).
public enum RegressionExitStatus: Int32, Sendable, Codable {
  /// No regression; nothing inconclusive in strict mode; no improvement.
  case unchanged = 0
  /// At least one regression.
  case regression = 2
  /// Strict mode and at least one inconclusive metric, no regression.
  case inconclusive = 3
  /// Improvements and nothing worse.
  case improvementsOnly = 4

  /// The status for a set of verdicts: regression beats inconclusive (strict only) beats improvement.
  public init(verdicts: [Verdict], strict: Bool) {
    if verdicts.contains(.regressed) {
      self = .regression
    } else if strict, verdicts.contains(.inconclusive) {
      self = .inconclusive
    } else if verdicts.contains(.improved) {
      self = .improvementsOnly
    } else {
      self = .unchanged
    }
  }
}
