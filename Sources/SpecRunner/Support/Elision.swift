import Foundation

/// `...` elision in expected text, as in trycmd: a line that is just
/// `...` stands for any number of lines (none included), and `...` inside a line for any
/// text within that line.
public enum Elision {
  /// The elision marker.
  public static let marker = "..."

  /// Whether `actual` lines match `expected` lines with elision.
  public static func matches(expected: [String], actual: [String]) -> Bool {
    // table[i][j]: expected[i...] matches actual[j...].
    let n = expected.count
    let m = actual.count
    var next = [Bool](repeating: false, count: m + 1)
    next[m] = true
    for i in stride(from: n - 1, through: 0, by: -1) {
      var current = [Bool](repeating: false, count: m + 1)
      let line = expected[i]
      if line.trimmingCharacters(in: .whitespaces) == marker {
        var any = false
        for j in stride(from: m, through: 0, by: -1) {
          any = any || next[j]
          current[j] = any
        }
      } else {
        for j in 0..<m where next[j + 1] { current[j] = lineMatches(line, actual[j]) }
      }
      next = current
    }
    return next[0]
  }

  /// Whether one actual line matches an expected line with in-line `...`.
  public static func lineMatches(_ expected: String, _ actual: String) -> Bool {
    guard expected.contains(marker) else { return expected == actual }
    let parts = expected.components(separatedBy: marker)
    guard let first = parts.first, let last = parts.last, actual.hasPrefix(first) else { return false }
    var rest = actual.dropFirst(first.count)
    for part in parts.dropFirst().dropLast() where !part.isEmpty {
      guard let range = rest.range(of: part) else { return false }
      rest = rest[range.upperBound...]
    }
    return rest.hasSuffix(last)
  }
}
