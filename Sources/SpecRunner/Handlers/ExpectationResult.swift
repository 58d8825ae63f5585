import Foundation

/// What an expectation (or table row) check found.
public struct ExpectationResult: Sendable, Hashable {
  /// Whether the expectation holds.
  public var passed: Bool
  /// The body that would make the block pass, in the block's own format; `--update`
  /// writes it. `nil` when the block cannot be rewritten.
  public var actual: String?
  /// The explanation shown on failure (for example missing and unexpected keys). When
  /// `nil`, the runner shows a unified diff of the block's body against `actual`.
  public var diff: String?
  /// A one-line summary replacing the default `differs (expected N lines, got M)`; the
  /// runner prefixes it with `expect KIND at FILE:LINE: `.
  public var message: String?

  public init(passed: Bool, actual: String? = nil, diff: String? = nil, message: String? = nil) {
    self.passed = passed
    self.actual = actual
    self.diff = diff
    self.message = message
  }

  /// The expectation holds; `actual` is kept so `--update` can fill an empty block.
  public static func pass(actual: String? = nil) -> ExpectationResult {
    ExpectationResult(passed: true, actual: actual)
  }

  /// The expectation does not hold.
  public static func fail(actual: String?, diff: String? = nil, message: String? = nil) -> ExpectationResult {
    ExpectationResult(passed: false, actual: actual, diff: diff, message: message)
  }

  /// Compares texts line by line, ignoring trailing white space on each line and blank
  /// lines at the start and end. A line `...` in `expected` stands for any lines, `...`
  /// inside a line for any text (see `Elision`). On a mismatch the diff is a unified diff.
  public static func compare(expected: String, actual: String) -> ExpectationResult {
    let passed = Elision.matches(
      expected: TextDiff.normalizedLines(expected), actual: TextDiff.normalizedLines(actual))
    return ExpectationResult(
      passed: passed, actual: actual, diff: passed ? nil : TextDiff.unified(expected: expected, actual: actual))
  }

  /// Compares the non-empty, trimmed lines of `expected` with `actual` as sets (order and
  /// repeats ignored). On a mismatch the diff lists the missing and the unexpected
  /// entries; `actual` (for `--update`) keeps the order given.
  public static func compareSet(expected: String, actual: [String]) -> ExpectationResult {
    let wanted = expected.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty
    }
    let wantedSet = Set(wanted)
    let actualSet = Set(actual)
    let actualText = actual.joined(separator: "\n") + (actual.isEmpty ? "" : "\n")
    guard wantedSet != actualSet else { return .pass(actual: actualText) }
    var seen: Set<String> = []
    let missing = wanted.filter { !actualSet.contains($0) && seen.insert($0).inserted }
    let unexpected = actual.filter { !wantedSet.contains($0) && seen.insert($0).inserted }
    var lines: [String] = []
    if !missing.isEmpty {
      lines.append("missing (\(missing.count)):")
      missing.forEach { lines.append("- \($0)") }
    }
    if !unexpected.isEmpty {
      lines.append("unexpected (\(unexpected.count)):")
      unexpected.forEach { lines.append("+ \($0)") }
    }
    return .fail(
      actual: actualText, diff: lines.joined(separator: "\n"),
      message: "\(missing.count) missing and \(unexpected.count) unexpected of \(wantedSet.count) expected")
  }
}
