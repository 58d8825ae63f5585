/// A JSON syntax error with its 1-based position.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
  /// 1-based line of the problem.
  public var line: Int
  /// 1-based column (in bytes) of the problem.
  public var column: Int
  /// What is wrong, e.g. `expected ',' or '}' after an object member`.
  public var reason: String

  /// An error at 1-based `line` and byte `column`.
  public init(line: Int, column: Int, reason: String) {
    self.line = line
    self.column = column
    self.reason = reason
  }

  /// `line L, column C: reason`.
  public var description: String { "line \(line), column \(column): \(reason)" }
}
