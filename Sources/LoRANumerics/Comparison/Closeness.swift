/// The result of comparing two tensors element by element, like `torch.allclose`
/// (`|actual - expected| <= atol + rtol·|expected|`), with the worst element named.
public struct ClosenessReport: Equatable, Sendable, CustomStringConvertible {
  /// Whether the shapes agree and every element is within tolerance.
  public var isClose: Bool
  /// Set when the shapes differ (then no element is compared).
  public var shapeMismatch: (actual: [Int], expected: [Int])? {
    shapesDiffer ? (actualShape, expectedShape) : nil
  }
  public var actualShape: [Int]
  public var expectedShape: [Int]
  private var shapesDiffer: Bool { actualShape != expectedShape }
  /// The flat index of the element with the largest excess over its tolerance.
  public var worstIndex: Int?
  /// The values there.
  public var worstActual: Float?
  public var worstExpected: Float?
  /// The largest absolute difference over all elements.
  public var maxAbsoluteError: Float
  /// How many elements are outside tolerance.
  public var mismatchCount: Int
  public var atol: Float
  public var rtol: Float

  public var description: String {
    if shapesDiffer {
      return "shape \(formatShape(actualShape)) differs from expected \(formatShape(expectedShape))"
    }
    guard let i = worstIndex, let a = worstActual, let e = worstExpected else {
      return "close (no elements)"
    }
    let verdict = isClose ? "close" : "\(mismatchCount) element(s) outside tolerance"
    return
      "\(verdict) (atol \(atol), rtol \(rtol)): max |diff| \(maxAbsoluteError); worst at flat index \(i): \(a) vs expected \(e)"
  }
}

/// Tolerance checks for tensors and arrays.
public enum Closeness {
  /// Compares shapes first, then every element; NaN equals nothing (not even NaN).
  public static func compare(_ actual: Tensor, _ expected: Tensor, atol: Float = 1e-5, rtol: Float = 1e-4)
    -> ClosenessReport
  {
    var report = ClosenessReport(
      isClose: false, actualShape: actual.shape, expectedShape: expected.shape, worstIndex: nil,
      worstActual: nil, worstExpected: nil, maxAbsoluteError: 0, mismatchCount: 0, atol: atol, rtol: rtol)
    guard actual.shape == expected.shape else { return report }
    var worstExcess = -Float.infinity
    for i in 0..<actual.count {
      let a = actual.scalars[i]
      let e = expected.scalars[i]
      let diff = abs(a - e)
      let tolerance = atol + rtol * abs(e)
      let excess: Float
      if a.isInfinite, e.isInfinite {
        excess = a == e ? -tolerance : .infinity
      } else if diff.isNaN || a.isInfinite || e.isInfinite {
        excess = .infinity
      } else {
        excess = diff - tolerance
        report.maxAbsoluteError = max(report.maxAbsoluteError, diff)
      }
      if excess > 0 { report.mismatchCount += 1 }
      if excess > worstExcess || report.worstIndex == nil {
        worstExcess = excess
        report.worstIndex = i
        report.worstActual = a
        report.worstExpected = e
      }
    }
    report.isClose = report.mismatchCount == 0
    return report
  }

  /// True when `compare` finds the tensors close.
  public static func isClose(_ actual: Tensor, _ expected: Tensor, atol: Float = 1e-5, rtol: Float = 1e-4) -> Bool {
    compare(actual, expected, atol: atol, rtol: rtol).isClose
  }
}
