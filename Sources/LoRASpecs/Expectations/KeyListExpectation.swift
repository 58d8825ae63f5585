import SpecFormat
import SpecRunner
import Support

/// Compares a list of module keys (one per line, `#` comments allowed) with the actual
/// keys as a set; or, with a body of `count: N`, only how many there are.
enum KeyListExpectation {
  static func check(
    expectedBody body: String, actual: [String], what: (singular: String, plural: String)
  ) -> ExpectationResult {
    let lines = body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    let actualText = actual.joined(separator: "\n")
    if lines.count == 1, lines[0].hasPrefix("count:") {
      let number = lines[0].dropFirst("count:".count).trimmingCharacters(in: .whitespaces)
      guard let expected = Int(number) else {
        return .fail(actual: "count: \(actual.count)", message: "`count:` needs an integer, got '\(number)'")
      }
      if expected == actual.count { return .pass(actual: "count: \(actual.count)") }
      return .fail(
        actual: "count: \(actual.count)",
        diff: "expected \(Counted.phrase(expected, what.singular, plural: what.plural)), got \(actual.count):\n"
          + actualText,
        message: "expected \(Counted.phrase(expected, what.singular, plural: what.plural)), got \(actual.count)")
    }
    let expected = Set(lines)
    let actualSet = Set(actual)
    let missing = lines.filter { !actualSet.contains($0) }
    let unexpected = actual.filter { !expected.contains($0) }
    if missing.isEmpty && unexpected.isEmpty { return .pass(actual: actualText) }
    var diff: [String] = []
    if !missing.isEmpty {
      diff.append("missing (\(missing.count)):\n" + missing.map { "  - \($0)" }.joined(separator: "\n"))
    }
    if !unexpected.isEmpty {
      diff.append("unexpected (\(unexpected.count)):\n" + unexpected.map { "  + \($0)" }.joined(separator: "\n"))
    }
    return .fail(
      actual: actualText, diff: diff.joined(separator: "\n"),
      message: "\(what.plural): \(missing.count) missing, \(unexpected.count) unexpected")
  }
}
