/// An FMA-bound loop for measuring this ISA's peak: 12 independent `SIMD8<Float>` multiply-add
/// chains (enough to cover the FMA latency on every pipe), no memory traffic.
public enum AVX2Peak {
  /// Floating-point operations one iteration of ``run(iterations:)`` performs.
  public static let flopsPerIteration = 12 * 8 * 2

  /// Runs `iterations` rounds of the chains; returns their sum so the work is not removed.
  @inline(never)
  public static func run(iterations: Int) -> Float {
    let a = SIMD8<Float>(repeating: 0.999_999), b = SIMD8<Float>(repeating: 1e-7)
    var c0 = SIMD8<Float>(repeating: 1)
    var c1 = SIMD8<Float>(repeating: 2)
    var c2 = SIMD8<Float>(repeating: 3)
    var c3 = SIMD8<Float>(repeating: 4)
    var c4 = SIMD8<Float>(repeating: 5)
    var c5 = SIMD8<Float>(repeating: 6)
    var c6 = SIMD8<Float>(repeating: 7)
    var c7 = SIMD8<Float>(repeating: 8)
    var c8 = SIMD8<Float>(repeating: 9)
    var c9 = SIMD8<Float>(repeating: 10)
    var c10 = SIMD8<Float>(repeating: 11)
    var c11 = SIMD8<Float>(repeating: 12)
    for _ in 0..<iterations {
      c0 = b.addingProduct(c0, a)
      c1 = b.addingProduct(c1, a)
      c2 = b.addingProduct(c2, a)
      c3 = b.addingProduct(c3, a)
      c4 = b.addingProduct(c4, a)
      c5 = b.addingProduct(c5, a)
      c6 = b.addingProduct(c6, a)
      c7 = b.addingProduct(c7, a)
      c8 = b.addingProduct(c8, a)
      c9 = b.addingProduct(c9, a)
      c10 = b.addingProduct(c10, a)
      c11 = b.addingProduct(c11, a)
    }
    let total = c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11
    return total.sum()
  }
}
