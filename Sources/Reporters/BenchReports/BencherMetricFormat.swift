import BenchRegression
import Foundation
import Support

/// A run in Bencher Metric Format (BMF), for `bencher run --adapter json`:
/// `{"<benchmark>": {"<measure>": {"value": v, "lower_value": lo, "upper_value": hi}}}`.
///
/// Times use Bencher's built-in `latency` measure in nanoseconds; ratios use a custom `ratio`
/// measure (unitless). `value` is the median, `lower_value`/`upper_value` the 25th and 75th percentiles.
public enum BencherMetricFormat {
  /// The BMF JSON of `run`'s metrics (absolute times and the standard ratios).
  public static func render(_ run: MeasuredRun, ratios: [RatioDefinition] = RatioDefinition.standard) throws -> Data {
    var document: [String: [String: Metric]] = [:]
    for series in run.metrics(ratios: ratios) {
      let scale = series.id.kind == .absoluteTime ? 1_000_000.0 : 1
      let measure = series.id.kind == .absoluteTime ? "latency" : "ratio"
      let sorted = series.samples.sorted()
      guard let median = Descriptive.quantile(sorted: sorted, 0.5),
        let low = Descriptive.quantile(sorted: sorted, 0.25),
        let high = Descriptive.quantile(sorted: sorted, 0.75)
      else { continue }
      document[series.id.benchmark, default: [:]][measure] = Metric(
        value: median * scale, lowerValue: low * scale, upperValue: high * scale)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(document)
  }

  struct Metric: Encodable {
    let value: Double
    let lowerValue: Double
    let upperValue: Double

    enum CodingKeys: String, CodingKey {
      case value
      case lowerValue = "lower_value"
      case upperValue = "upper_value"
    }
  }
}
