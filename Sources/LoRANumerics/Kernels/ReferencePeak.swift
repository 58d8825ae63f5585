/// The reference set's peak loop: eight independent scalar multiply-add chains (two operations
/// each), as plain Swift compiles them for the baseline ISA.
enum ReferencePeak {
  /// Floating-point operations one iteration of ``run(iterations:)`` performs.
  static let flopsPerIteration = 8 * 2

  /// Runs `iterations` rounds of the chains; returns their sum so the work is not removed.
  @inline(never)
  static func run(iterations: Int) -> Float {
    let a: Float = 0.999_999, b: Float = 1e-7
    var c: (Float, Float, Float, Float, Float, Float, Float, Float) = (1, 2, 3, 4, 5, 6, 7, 8)
    for _ in 0..<iterations {
      c = (c.0 * a + b, c.1 * a + b, c.2 * a + b, c.3 * a + b, c.4 * a + b, c.5 * a + b, c.6 * a + b, c.7 * a + b)
    }
    return c.0 + c.1 + c.2 + c.3 + c.4 + c.5 + c.6 + c.7
  }
}
