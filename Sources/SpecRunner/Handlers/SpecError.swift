import RunResults
import SpecFormat
import Support

/// A broken spec: the scenario cannot be evaluated. Thrown by handlers; reported as
/// `error` with `file:line: message`.
public struct SpecError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong and what to do.
  public var message: String
  /// Where; `nil` means the block (or row) being run.
  public var location: InputLocation?

  public init(_ message: String, at location: InputLocation? = nil) {
    self.message = message
    self.location = location
  }

  /// An error at line `line` of `block`'s body (1-based), as for a YAML error.
  public init(_ message: String, in block: SpecBlock, bodyLine line: Int) {
    self.init(message, at: block.location(ofBodyLine: line))
  }

  /// `unknown field 'tagret_modules' in lora block; did you mean 'target_modules'?`
  public static func unknownField(
    _ field: String, in block: SpecBlock, validFields: some Sequence<String>, bodyLine: Int? = nil
  ) -> SpecError {
    var message = "unknown field '\(field)' in \(block.kind) block"
    message += ClosestName.hint(field, among: validFields)
    return SpecError(message, at: bodyLine.map { block.location(ofBodyLine: $0) } ?? block.location)
  }

  /// `file:line: message` (or just the message without a location).
  public var description: String {
    guard let location else { return message }
    return "\(location): \(message)"
  }
}
