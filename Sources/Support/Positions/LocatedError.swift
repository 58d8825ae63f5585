/// An error about outside input that knows where it happened.
///
/// Every error a user can cause by what they wrote (a spec, a config, a model file) conforms,
/// so that the command line, the runner and the reporters print `file:line: message` the same
/// way and CI annotators find the line.
public protocol LocatedError: Error, CustomStringConvertible {
  /// Where the input is wrong.
  var location: InputLocation { get }
  /// What is wrong and what to do, without the location.
  var message: String { get }
}

extension LocatedError {
  /// `file:line:column: message`, `file:line: message` or `file: message`, as much as is known.
  public var description: String { "\(location): \(message)" }
}
