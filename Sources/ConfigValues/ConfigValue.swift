/// A JSON/YAML value: a safetensors header, a `config.json`, an `adapter_config.json`, a
/// spec block.
///
/// Object keys keep their file order (PEFT's `rank_pattern` and `alpha_pattern` are
/// scanned in insertion order, so order is part of the meaning) and, when the value was
/// read from text, each key's line. Integers without a fraction or exponent that fit in
/// `Int` stay exact (`int`); every other number is a `double`.
public indirect enum ConfigValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([ConfigValue])
  /// Entries in file order, each with its 1-based line when known.
  case object(ConfigObject)

  /// A short name of the value's type in YAML words, for error messages (`"a mapping"`).
  public var typeDescription: String {
    switch self {
    case .array: "a list"
    case .object: "a mapping"
    default: jsonTypeDescription
    }
  }

  /// A short name of the value's type in JSON words, for error messages (`"an object"`).
  public var jsonTypeDescription: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .int: "an integer"
    case .double: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
