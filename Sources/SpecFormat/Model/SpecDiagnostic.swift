import RunResults

/// A problem in a spec's Markdown, found while parsing. The scenarios it concerns end
/// as `error`.
public struct SpecDiagnostic: Sendable, Hashable, Error, CustomStringConvertible {
  /// Where the problem is.
  public var location: SourceLocation
  /// What is wrong and what to do, in one sentence.
  public var message: String

  public init(_ message: String, at location: SourceLocation) {
    self.message = message
    self.location = location
  }

  /// `file:line: message`.
  public var description: String { "\(location): \(message)" }
}
