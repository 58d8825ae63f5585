/// The rules that turn two sets of samples into a verdict. Defaults are stated here and can be
/// overridden per bench block.
///
/// Both gates must pass for a change to count (criterion's rule with asv's robust test):
/// - significance: two-sided Mann–Whitney U p-value below ``alpha``;
/// - relevance: the bootstrap interval of the ratio of medians lies wholly beyond ``noiseThreshold``.
public struct RegressionPolicy: Sendable, Equatable, Codable {
  /// Significance level of the Mann–Whitney U test. Default 0.01.
  public var alpha: Double
  /// Relative change treated as noise: 0.05 means ratios within 0.95...1.05 are "no change". Default 5 %.
  public var noiseThreshold: Double
  /// Confidence level of the bootstrap interval. Default 0.95.
  public var confidence: Double
  /// Bootstrap resamples. Default 10,000.
  public var resamples: Int
  /// Seed of the bootstrap generator (results are reproducible). Default 0x5EED.
  public var seed: UInt64
  /// When true, an inconclusive verdict fails the run (exit code 3). Default false.
  public var strict: Bool

  /// The stated defaults: alpha 0.01, noise threshold 5 %, 95 % interval, 10,000 resamples, not strict.
  public static let `default` = RegressionPolicy()

  /// A policy; every parameter has the documented default.
  public init(
    alpha: Double = 0.01, noiseThreshold: Double = 0.05, confidence: Double = 0.95, resamples: Int = 10_000,
    seed: UInt64 = 0x5EED, strict: Bool = false
  ) {
    self.alpha = alpha
    self.noiseThreshold = noiseThreshold
    self.confidence = confidence
    self.resamples = resamples
    self.seed = seed
    self.strict = strict
  }
}
