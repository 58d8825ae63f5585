/// A place in an input file: the file as the user named it and, where known, a 1-based line
/// and column.
public struct InputLocation: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The file as given on the command line or in a spec (`<input>` for text without a file).
  public var file: String
  /// 1-based line, when known.
  public var line: Int?
  /// 1-based column (in bytes), when known.
  public var column: Int?

  /// A location in `file`, optionally at `line` and `column`.
  public init(file: String, line: Int? = nil, column: Int? = nil) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`, `file:line` or `file`, as compilers and CI annotators read it.
  public var description: String {
    switch (line, column) {
    case (let line?, let column?): "\(file):\(line):\(column)"
    case (let line?, nil): "\(file):\(line)"
    default: file
    }
  }
}
