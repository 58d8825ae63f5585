import Foundation

/// The entry point `lora-spec bench --baseline FILE` calls: read the stored run, compare this
/// run with it, confirm flagged regressions through `remeasure`.
public enum RegressionCheck {
  /// Compares `current` with the run stored in `baselineFile`.
  public static func compare(
    current: BenchReport, baselineFile: URL, comparator: RegressionComparator = RegressionComparator(),
    remeasure: Remeasure? = nil
  ) throws -> RunComparison {
    let baseline = try BaselineStore.read(baselineFile)
    return try comparator.compare(
      baseline: MeasuredRun(report: baseline), current: MeasuredRun(report: current), remeasure: remeasure)
  }
}
