/// A warning PEFT emits through Python's `warnings` module, collected as a value.
public struct PeftWarning: Hashable, Sendable, CustomStringConvertible {
  /// The Python warning class.
  public enum Category: String, Hashable, Sendable {
    case userWarning = "UserWarning"
    case runtimeWarning = "RuntimeWarning"
    /// PEFT's own `PeftWarning` (a `UserWarning` subclass).
    case peftWarning = "PeftWarning"
  }

  public var category: Category
  /// The message, worded as PEFT words it.
  public var message: String

  public init(_ category: Category, _ message: String) {
    self.category = category
    self.message = message
  }

  /// `UserWarning: message`.
  public var description: String { "\(category.rawValue): \(message)" }
}
