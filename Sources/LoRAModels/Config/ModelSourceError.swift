import Support

/// Why a model could not be built or loaded. The description names the input
/// (file, and line where there is one) and says what to do.
public struct ModelSourceError: LocatedError, Hashable, Sendable {
  /// The input: a file path, or a description such as `catalog llama`.
  public var source: String
  /// 1-based line in `source`, when known.
  public var line: Int?
  /// 1-based column in `source`, when known.
  public var column: Int?
  /// What is wrong and what to do.
  public var message: String
  /// The dotted config key the problem is about (`text_config.hidden_size`), when known.
  public var key: String?

  public init(source: String, line: Int? = nil, column: Int? = nil, _ message: String) {
    self.source = source
    self.line = line
    self.column = column
    self.message = message
  }

  /// Where: the source, with line and column when known (printed `source:line:column: message`).
  public var location: InputLocation { InputLocation(file: source, line: line, column: line == nil ? nil : column) }
}
