import LoRA
import RunResults

/// An error the engine raised for the scenario's setup (PEFT's `ValueError`, a config
/// error...): an outcome a spec may expect with `expect error`.
struct EngineFailure: Error, Sendable, Hashable {
  /// The Python exception type PEFT raises (`ValueError`, `TypeError`...) or the engine's own.
  var type: String
  var message: String
  /// The block whose evaluation failed.
  var location: SourceLocation?

  init(type: String, message: String, location: SourceLocation?) {
    self.type = type
    self.message = message
    self.location = location
  }

  init(_ error: PeftError, at location: SourceLocation?) {
    self.init(type: error.kind.rawValue, message: error.message, location: location)
  }

  /// `ValueError: message`.
  var description: String { "\(type): \(message)" }
}
