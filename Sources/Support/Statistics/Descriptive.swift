/// Robust descriptive statistics over benchmark samples.
public enum Descriptive {
  /// The median of `values`, or `nil` when there are none. The mean of the two middle values for an even count.
  public static func median(_ values: [Double]) -> Double? {
    quantile(values, 0.5)
  }

  /// The `q`-quantile (0...1) of `values` with linear interpolation between order statistics
  /// (NumPy's default `linear` method, Hyndman & Fan type 7), or `nil` when `values` is empty.
  public static func quantile(_ values: [Double], _ q: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    return quantile(sorted: values.sorted(), q)
  }

  /// ``quantile(_:_:)`` on values already sorted ascending; `nil` when empty.
  public static func quantile(sorted: [Double], _ q: Double) -> Double? {
    guard let first = sorted.first, let last = sorted.last else { return nil }
    let clamped = min(max(q, 0), 1)
    let position = clamped * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    guard lower >= 0, lower < sorted.count else { return clamped < 0.5 ? first : last }
    let fraction = position - Double(lower)
    return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
  }

  /// The median absolute deviation `median(|x - median(x)|)`, unscaled; multiply by
  /// ``madNormalScale`` to estimate a normal standard deviation. `nil` when `values` is empty.
  public static func medianAbsoluteDeviation(_ values: [Double]) -> Double? {
    guard let center = median(values) else { return nil }
    return median(values.map { abs($0 - center) })
  }

  /// The factor that makes the MAD a consistent estimator of a normal distribution's standard deviation.
  public static let madNormalScale = 1.482_602_218_505_602

  /// The arithmetic mean, or `nil` when `values` is empty.
  public static func mean(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    return values.reduce(0, +) / Double(values.count)
  }
}
