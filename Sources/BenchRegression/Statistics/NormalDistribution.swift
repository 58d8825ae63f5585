import Foundation

/// The standard normal distribution, as far as the tests need it.
enum NormalDistribution {
  /// The survival function `P(Z > z)`, accurate in the tails (computed through `erfc`).
  static func survival(_ z: Double) -> Double {
    0.5 * erfc(z / 2.0.squareRoot())
  }
}
