import LoRA
import RunResults
import Support

/// An error the engine raised for the scenario's setup (PEFT's `ValueError`, a config
/// error...): an outcome a spec may expect with `expect error`.
struct EngineFailure: Error, Sendable, Hashable {
  /// The Python exception type PEFT raises (`ValueError`, `TypeError`...) or the engine's own.
  var type: String
  var message: String
  /// The block whose evaluation failed.
  var location: InputLocation?

  init(type: String, message: String, location: InputLocation?) {
    self.type = type
    self.message = message
    self.location = location
  }

  init(_ error: PeftError, at location: InputLocation?) {
    self.init(type: error.kind.rawValue, message: error.message, location: location)
  }

  /// `ValueError: message`.
  var description: String { "\(type): \(message)" }
}
