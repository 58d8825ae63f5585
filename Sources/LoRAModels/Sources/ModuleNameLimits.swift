/// Bounds on module and tensor names read from files: real models' names have a few dozen
/// bytes and under twenty dotted parts, while a hostile name of 10,000 parts made building the
/// tree take minutes (every prefix is a module).
enum ModuleNameLimits {
  /// The most dotted parts a name may have.
  static let maximumParts = 256
  /// The most UTF-8 bytes a name may have.
  static let maximumBytes = 4_096

  /// Why `name` is refused, or `nil` when it is within the bounds.
  static func problem(with name: String) -> String? {
    if name.utf8.count > maximumBytes {
      return "the name '\(name.prefix(60))…' has \(name.utf8.count) bytes, more than the \(maximumBytes) accepted"
    }
    let parts = name.utf8.reduce(1) { $0 + ($1 == UInt8(ascii: ".") ? 1 : 0) }
    if parts > maximumParts {
      return "the name '\(name.prefix(60))…' has \(parts) dotted parts, more than the \(maximumParts) accepted"
    }
    return nil
  }
}
