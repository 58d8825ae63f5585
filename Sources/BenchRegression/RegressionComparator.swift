/// Compares a run with a baseline run, metric by metric, and confirms flagged regressions.
///
/// Ratios (kernel over kernel, same run) are always compared; absolute times only when the two
/// machine identities match. A metric judged `regressed` is handed to the `remeasure` callback;
/// the fresh samples are judged again and only a reproduced regression stays `regressed`.
public struct RegressionComparator {
  /// The policy for metrics without an override.
  public var policy: RegressionPolicy
  /// Per-benchmark policies (from bench blocks), keyed by a prefix of the metric's benchmark name,
  /// such as `lora-fused/gemm`. The longest matching prefix wins.
  public var overrides: [String: RegressionPolicy]
  /// The ratios derived from each run.
  public var ratios: [RatioDefinition]

  /// A comparator with the default policy and the standard ratios.
  public init(
    policy: RegressionPolicy = .default, overrides: [String: RegressionPolicy] = [:],
    ratios: [RatioDefinition] = RatioDefinition.standard
  ) {
    self.policy = policy
    self.overrides = overrides
    self.ratios = ratios
  }

  /// The policy applied to `id`.
  public func policy(for id: MetricID) -> RegressionPolicy {
    let match = overrides.keys.filter { id.benchmark.hasPrefix($0) }.max { $0.count < $1.count }
    return match.flatMap { overrides[$0] } ?? policy
  }

  /// Compares `current` with `baseline`. `remeasure` re-runs a flagged metric (see ``Remeasure``);
  /// without it a flagged regression counts as measured.
  public func compare(baseline: MeasuredRun, current: MeasuredRun, remeasure: Remeasure? = nil) throws
    -> RunComparison
  {
    let sameMachine = baseline.machine.isComparable(with: current.machine)
    let keep: (MetricSeries) -> Bool = { sameMachine || $0.id.kind == .ratio }
    let old = Dictionary(
      baseline.metrics(ratios: ratios).filter(keep).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    let new = current.metrics(ratios: ratios).filter(keep)
    var comparisons: [MetricComparison] = []
    for series in new {
      guard let before = old[series.id] else { continue }
      let applied = policy(for: series.id)
      let judgement = Judgement.judge(
        baseline: before.samples, current: series.samples, polarity: series.polarity, policy: applied)
      var comparison = MetricComparison(
        id: series.id, shape: series.shape, polarity: series.polarity, unit: series.unit,
        baselineSamples: before.samples, currentSamples: series.samples, policy: applied, judgement: judgement,
        confirmation: nil)
      if judgement.verdict == .regressed, let remeasure, let fresh = try remeasure(series), !fresh.isEmpty {
        var second = Judgement.judge(
          baseline: before.samples, current: fresh, polarity: series.polarity, policy: applied)
        if second.verdict != .regressed {
          second.reason = "flagged regression did not reproduce on re-measurement: " + second.reason
        } else {
          second.reason = "confirmed on re-measurement: " + second.reason
        }
        comparison.confirmation = Confirmation(samples: fresh, judgement: second)
      }
      comparisons.append(comparison)
    }
    let newIDs = Set(new.map(\.id))
    let unmatched = Set(old.keys).symmetricDifference(newIDs).sorted()
    comparisons.sort { $0.verdict == $1.verdict ? $0.id < $1.id : $0.verdict < $1.verdict }
    return RunComparison(
      baseline: RunLabel(date: baseline.date, commit: baseline.commit, hostname: baseline.machine.hostname),
      current: RunLabel(date: current.date, commit: current.commit, hostname: current.machine.hostname),
      sameMachine: sameMachine, machineDifferences: current.machine.differences(from: baseline.machine),
      comparisons: comparisons, unmatched: unmatched)
  }
}
