extension ConfigValue {
  /// The value as an `Int`: an `int`, or a `double` with no fractional part.
  public var intValue: Int? {
    switch self {
    case .int(let i): return i
    case .double(let d):
      guard d.isFinite, d.rounded() == d, abs(d) < 9.0e18 else { return nil }
      return Int(d)
    default: return nil
    }
  }

  /// The value as a `Double` (an `int` or a `double`).
  public var doubleValue: Double? {
    switch self {
    case .int(let i): Double(i)
    case .double(let d): d
    default: nil
    }
  }

  /// The string, for a `string`.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The flag, for a `bool`.
  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// The elements, for an `array`.
  public var arrayValue: [ConfigValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// The entries, for an `object`.
  public var objectValue: ConfigObject? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// The value of `key`, for an `object` that has it.
  public subscript(key: String) -> ConfigValue? { objectValue?[key] }

  /// True for `null`.
  public var isNull: Bool { self == .null }
}
