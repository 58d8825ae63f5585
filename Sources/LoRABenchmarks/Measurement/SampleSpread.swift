import Support

/// The spread of a row's samples: half the min-max range over the median (what the table prints
/// as `±x%`).
enum SampleSpread {
  /// Spreads above this make a row unsteady: re-measured once, flagged if still unsteady.
  static let limit = 0.10

  /// The relative spread of `samples` around `median` (default: their median); nil with fewer
  /// than two samples.
  static func of(_ samples: [Double], median: Double? = nil) -> Double? {
    guard let median = median ?? Descriptive.median(samples) else { return nil }
    guard samples.count > 1, let lo = samples.min(), let hi = samples.max(), median > 0 else { return nil }
    return (hi - lo) / 2 / median
  }

  /// Whether the spread of `samples` exceeds ``limit``.
  static func unsteady(_ samples: [Double], median: Double? = nil) -> Bool {
    (of(samples, median: median) ?? 0) > limit
  }
}
