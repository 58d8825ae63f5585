import Support

/// A percentile-bootstrap confidence interval of the ratio of medians, `median(current) / median(baseline)`:
/// the relevance gate of the verdicts.
///
/// Each resample draws both samples with replacement (independently), takes the ratio of their
/// medians, and the interval is the pair of `(1 - confidence) / 2` and `(1 + confidence) / 2`
/// quantiles of those ratios. The generator is seeded, so results are reproducible.
public struct BootstrapRatioInterval: Sendable, Equatable, Codable {
  /// The ratio of the observed medians.
  public let estimate: Double
  /// The lower bound of the interval.
  public let lower: Double
  /// The upper bound of the interval.
  public let upper: Double
  /// The confidence level, such as 0.95.
  public let confidence: Double

  /// Computes the interval; `nil` when a sample is empty or the baseline median is not positive.
  public init?(
    current: [Double], baseline: [Double], confidence: Double = 0.95, resamples: Int = 10_000, seed: UInt64 = 0x5EED
  ) {
    guard let currentMedian = Descriptive.median(current), let baselineMedian = Descriptive.median(baseline),
      baselineMedian > 0, resamples > 0, confidence > 0, confidence < 1
    else { return nil }
    var generator = SeededGenerator(seed: seed)
    var ratios: [Double] = []
    ratios.reserveCapacity(resamples)
    var currentDraw = [Double](repeating: 0, count: current.count)
    var baselineDraw = [Double](repeating: 0, count: baseline.count)
    for _ in 0..<resamples {
      for i in currentDraw.indices { currentDraw[i] = current[Int.random(in: 0..<current.count, using: &generator)] }
      for i in baselineDraw.indices {
        baselineDraw[i] = baseline[Int.random(in: 0..<baseline.count, using: &generator)]
      }
      guard let c = Descriptive.median(currentDraw), let b = Descriptive.median(baselineDraw), b > 0 else { continue }
      ratios.append(c / b)
    }
    ratios.sort()
    let tail = (1 - confidence) / 2
    guard let low = Descriptive.quantile(sorted: ratios, tail),
      let high = Descriptive.quantile(sorted: ratios, 1 - tail)
    else { return nil }
    estimate = currentMedian / baselineMedian
    lower = low
    upper = high
    self.confidence = confidence
  }

  /// An interval from known bounds (decoding, tests).
  public init(estimate: Double, lower: Double, upper: Double, confidence: Double) {
    self.estimate = estimate
    self.lower = lower
    self.upper = upper
    self.confidence = confidence
  }
}
