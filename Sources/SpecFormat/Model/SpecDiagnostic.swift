import RunResults
import Support

/// A problem in a spec's Markdown, found while parsing. The scenarios it concerns end
/// as `error`.
public struct SpecDiagnostic: LocatedError, Sendable, Hashable {
  /// Where the problem is.
  public var location: InputLocation
  /// What is wrong and what to do, in one sentence.
  public var message: String

  public init(_ message: String, at location: InputLocation) {
    self.message = message
    self.location = location
  }
}
