/// Errors reading or writing PEFT checkpoint directories; each names the file and what to do.
public struct CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file or directory concerned.
  public var file: String
  /// What is wrong and what to do.
  public var message: String

  public init(file: String, _ message: String) {
    self.file = file
    self.message = message
  }

  public var description: String { "\(file): \(message)" }
}
