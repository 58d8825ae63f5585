/// An error the engine raises where PEFT raises one, with PEFT's exception type and
/// its exact message; or a refusal for a feature the reference engine does not model.
public struct PeftError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The Python exception class PEFT raises (or `.unsupported` for the engine's own refusal).
  public enum Kind: String, Hashable, Sendable {
    case valueError = "ValueError"
    case typeError = "TypeError"
    /// PEFT 0.21's `NoMatchingPeftModuleError` (a `ValueError` subclass).
    case noMatchingModule = "NoMatchingPeftModuleError"
    case notImplementedError = "NotImplementedError"
    /// A configuration the reference engine does not model (never raised by PEFT).
    case unsupported = "UnsupportedByReferenceEngine"
    /// Python's `re.error` for an invalid pattern (the message is ICU's).
    case regexError = "re.error"
    /// Python's `ZeroDivisionError` (`print_trainable_parameters` on a model without parameters).
    case zeroDivisionError = "ZeroDivisionError"
  }

  public var kind: Kind
  /// The message, worded as PEFT words it.
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// `ValueError: message`.
  public var description: String { "\(kind.rawValue): \(message)" }

  /// True for `ValueError` and its subclass `NoMatchingPeftModuleError`.
  public var isValueError: Bool { kind == .valueError || kind == .noMatchingModule }
}
