import Support

/// A file that could not be read as a configuration: syntax errors, wrong types,
/// unknown fields. The message names the file and, where known, the line.
public struct ConfigInputError: LocatedError, Hashable, Sendable {
  /// The file (or `<input>` for text without a file).
  public var file: String
  /// 1-based line, when known.
  public var line: Int?
  /// What is wrong and what to do.
  public var message: String

  /// An error in `file`, at `line` when known.
  public init(file: String, line: Int? = nil, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// The file and line.
  public var location: InputLocation { InputLocation(file: file, line: line) }
}
