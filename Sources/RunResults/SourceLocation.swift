/// A place in a spec file: the path as the user gave it (or relative to the spec root)
/// and a 1-based line.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The file path, with `/` separators.
  public var file: String
  /// The 1-based line, or `nil` when the whole file is meant.
  public var line: Int?

  public init(file: String, line: Int? = nil) {
    self.file = file
    self.line = line
  }

  /// `file:line`, or `file` when there is no line.
  public var description: String {
    guard let line else { return file }
    return "\(file):\(line)"
  }
}
