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
  /// A one-line summary replacing the default `expect KIND at FILE:LINE differs`.
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
  /// lines at the start and end; on a mismatch the diff is a unified diff.
  public static func compare(expected: String, actual: String) -> ExpectationResult {
    let passed = TextDiff.normalizedLines(expected) == TextDiff.normalizedLines(actual)
    return ExpectationResult(
      passed: passed, actual: actual, diff: passed ? nil : TextDiff.unified(expected: expected, actual: actual))
  }
}
