/// An FMA-bound loop for measuring this ISA's peak: 24 independent `SIMD16<Float>` multiply-add
/// chains (enough to cover the FMA latency on every pipe), no memory traffic.
public enum AVX512Peak {
  /// Floating-point operations one iteration of ``run(iterations:)`` performs.
  public static let flopsPerIteration = 24 * 16 * 2

  /// Runs `iterations` rounds of the chains; returns their sum so the work is not removed.
  @inline(never)
  public static func run(iterations: Int) -> Float {
    let a = SIMD16<Float>(repeating: 0.999_999), b = SIMD16<Float>(repeating: 1e-7)
    var c0 = SIMD16<Float>(repeating: 1)
    var c1 = SIMD16<Float>(repeating: 2)
    var c2 = SIMD16<Float>(repeating: 3)
    var c3 = SIMD16<Float>(repeating: 4)
    var c4 = SIMD16<Float>(repeating: 5)
    var c5 = SIMD16<Float>(repeating: 6)
    var c6 = SIMD16<Float>(repeating: 7)
    var c7 = SIMD16<Float>(repeating: 8)
    var c8 = SIMD16<Float>(repeating: 9)
    var c9 = SIMD16<Float>(repeating: 10)
    var c10 = SIMD16<Float>(repeating: 11)
    var c11 = SIMD16<Float>(repeating: 12)
    var c12 = SIMD16<Float>(repeating: 13)
    var c13 = SIMD16<Float>(repeating: 14)
    var c14 = SIMD16<Float>(repeating: 15)
    var c15 = SIMD16<Float>(repeating: 16)
    var c16 = SIMD16<Float>(repeating: 17)
    var c17 = SIMD16<Float>(repeating: 18)
    var c18 = SIMD16<Float>(repeating: 19)
    var c19 = SIMD16<Float>(repeating: 20)
    var c20 = SIMD16<Float>(repeating: 21)
    var c21 = SIMD16<Float>(repeating: 22)
    var c22 = SIMD16<Float>(repeating: 23)
    var c23 = SIMD16<Float>(repeating: 24)
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
      c12 = b.addingProduct(c12, a)
      c13 = b.addingProduct(c13, a)
      c14 = b.addingProduct(c14, a)
      c15 = b.addingProduct(c15, a)
      c16 = b.addingProduct(c16, a)
      c17 = b.addingProduct(c17, a)
      c18 = b.addingProduct(c18, a)
      c19 = b.addingProduct(c19, a)
      c20 = b.addingProduct(c20, a)
      c21 = b.addingProduct(c21, a)
      c22 = b.addingProduct(c22, a)
      c23 = b.addingProduct(c23, a)
    }
    let total =
      c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11 + c12 + c13 + c14 + c15 + c16 + c17 + c18 + c19 + c20
      + c21 + c22 + c23
    return total.sum()
  }
}
