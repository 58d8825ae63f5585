/// One metric compared with its baseline: both sets of raw samples, the judgement, and the
/// re-measurement that confirmed or withdrew a flagged regression.
public struct MetricComparison: Sendable, Equatable, Codable {
  /// Which metric.
  public var id: MetricID
  /// The shape measured.
  public var shape: BenchShape
  /// Smaller or larger is better.
  public var polarity: Polarity
  /// `ms` or `x`.
  public var unit: String
  /// The baseline's samples.
  public var baselineSamples: [Double]
  /// This run's samples.
  public var currentSamples: [Double]
  /// The policy applied.
  public var policy: RegressionPolicy
  /// The first judgement, on this run's samples.
  public var judgement: Judgement
  /// Present when the first judgement was a regression and a re-measurement was made.
  public var confirmation: Confirmation?

  /// The final verdict: the confirmation's when there is one, else the first judgement's.
  public var verdict: Verdict { confirmation?.judgement.verdict ?? judgement.verdict }

  /// The judgement the verdict comes from.
  public var finalJudgement: Judgement { confirmation?.judgement ?? judgement }
}

/// A flagged regression re-measured (interleaved with its baseline kernel) and judged again.
public struct Confirmation: Sendable, Equatable, Codable {
  /// The fresh samples.
  public var samples: [Double]
  /// The judgement of the fresh samples against the baseline.
  public var judgement: Judgement

  /// True when the regression reproduced.
  public var confirmed: Bool { judgement.verdict == .regressed }
}

/// Re-measures a flagged metric and returns fresh samples of the same quantity, or `nil` when it
/// cannot be re-measured. Supplied by the measuring side: for a ratio it runs the numerator and
/// denominator kernels interleaved and returns per-pair ratios; for a time, the kernel interleaved
/// with its baseline kernel (the denominator of its standard ratio) and returns its times.
public typealias Remeasure = (MetricSeries) throws -> [Double]?
