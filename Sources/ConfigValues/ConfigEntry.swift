/// One key of a `ConfigValue.object`, with its source line.
///
/// The line is where the key was read; it is not part of the value, so two entries
/// with the same key and value are equal wherever they were written.
public struct ConfigEntry: Hashable, Sendable {
  /// The key.
  public var key: String
  /// The value.
  public var value: ConfigValue
  /// 1-based line of the key in its file, when known.
  public var line: Int?

  /// An entry; `line` is the key's 1-based line when it was read from text.
  public init(key: String, value: ConfigValue, line: Int? = nil) {
    self.key = key
    self.value = value
    self.line = line
  }

  /// Same key and value; lines are not compared.
  public static func == (a: ConfigEntry, b: ConfigEntry) -> Bool { a.key == b.key && a.value == b.value }

  /// Hashes the key and value.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(key)
    hasher.combine(value)
  }
}
