import Support

/// The two-gate decision on one metric: the statistics and the verdict with its reason.
public struct Judgement: Sendable, Equatable, Codable {
  /// The verdict.
  public var verdict: Verdict
  /// Why, in one sentence a reader can check against the numbers.
  public var reason: String
  /// Median of the baseline samples.
  public var baselineMedian: Double
  /// Median of the current samples.
  public var currentMedian: Double
  /// Two-sided Mann–Whitney U p-value (1 when it could not be computed).
  public var pValue: Double
  /// The bootstrap interval of `median(current) / median(baseline)`.
  public var interval: BootstrapRatioInterval?

  /// The relative change of the median, `current / baseline - 1`.
  public var relativeChange: Double { baselineMedian > 0 ? currentMedian / baselineMedian - 1 : 0 }

  /// The fewest samples a side for the bootstrap fallback.
  public static let minimumBootstrapSamples = 3

  /// Judges `current` against `baseline` under `policy`.
  ///
  /// - regressed/improved: p < alpha and the interval wholly beyond `1 ± threshold` on the worse/better side;
  /// - unchanged: the interval wholly inside the band, or p >= alpha with the estimate inside the band;
  /// - inconclusive: otherwise, or a sample is empty.
  ///
  /// Significance is the Mann–Whitney U test when the sample sizes can reach alpha; with fewer
  /// samples, the pooled ``BootstrapTest`` (at least 3 samples a side). `pValue` is the one used.
  public static func judge(
    baseline: [Double], current: [Double], polarity: Polarity, policy: RegressionPolicy
  ) -> Judgement {
    let baselineMedian = Descriptive.median(baseline) ?? 0
    let currentMedian = Descriptive.median(current) ?? 0
    func result(_ verdict: Verdict, _ reason: String, p: Double = 1, interval: BootstrapRatioInterval? = nil)
      -> Judgement
    {
      Judgement(
        verdict: verdict, reason: reason, baselineMedian: baselineMedian, currentMedian: currentMedian,
        pValue: p, interval: interval)
    }
    guard !baseline.isEmpty, !current.isEmpty else {
      return result(.inconclusive, "no samples on one side (baseline \(baseline.count), current \(current.count))")
    }
    guard baseline.allSatisfy(\.isFinite), current.allSatisfy(\.isFinite) else {
      return result(.inconclusive, "a sample is not a finite number")
    }
    let test = MannWhitneyU(current, baseline)
    var p = test?.pValue ?? 1
    guard
      let interval = BootstrapRatioInterval(
        current: current, baseline: baseline, confidence: policy.confidence, resamples: policy.resamples,
        seed: policy.seed)
    else {
      return result(.inconclusive, "the ratio of medians is undefined (baseline median not positive)", p: p)
    }
    let high = 1 + policy.noiseThreshold
    let low = 1 - policy.noiseThreshold
    let band = "\(Format.percent(policy.noiseThreshold)) noise band"
    let smallest = MannWhitneyU.smallestPossiblePValue(n1: current.count, n2: baseline.count)
    let significant: Bool
    let significance: String
    if smallest < policy.alpha {
      significant = p < policy.alpha
      significance = significant ? "p = \(Format.short(p)) < \(policy.alpha)" : "p = \(Format.short(p))"
    } else {
      // The rank test cannot reach alpha with so few samples: a pooled bootstrap test decides
      // (it needs at least 3 samples a side, and rarely reaches alpha with fewer than 5).
      guard current.count >= minimumBootstrapSamples, baseline.count >= minimumBootstrapSamples else {
        return result(
          .inconclusive,
          "too few samples (\(current.count) vs \(baseline.count)): the rank test cannot reach alpha "
            + "\(policy.alpha) and the bootstrap test needs \(minimumBootstrapSamples) a side", p: p, interval: interval
        )
      }
      p = BootstrapTest.pValue(
        current: current, baseline: baseline, resamples: policy.resamples, seed: policy.seed)
      significant = p < policy.alpha
      significance =
        "bootstrap p = \(Format.short(p))\(significant ? " < \(policy.alpha)" : "") "
        + "(\(current.count) vs \(baseline.count) samples, too few for the rank test)"
    }
    if significant, interval.lower > high || interval.upper < low {
      let slower = interval.lower > high
      let worse = (polarity == .smallerIsBetter) == slower
      return result(
        worse ? .regressed : .improved,
        "\(significance) and the interval lies wholly \(slower ? "above" : "below") the \(band)", p: p,
        interval: interval)
    }
    if interval.lower >= low, interval.upper <= high {
      return result(.unchanged, "the interval lies within the \(band)", p: p, interval: interval)
    }
    if !significant, interval.estimate >= low, interval.estimate <= high {
      return result(
        .unchanged, "no significant difference (\(significance)) and the estimate is within the \(band)",
        p: p, interval: interval)
    }
    let why =
      significant
      ? "significant (\(significance)) but the interval straddles the \(band)"
      : "not significant (\(significance)) and the estimate lies outside the \(band)"
    return result(.inconclusive, why, p: p, interval: interval)
  }
}
