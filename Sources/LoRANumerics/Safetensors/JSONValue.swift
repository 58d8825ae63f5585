/// A JSON value, as read from a safetensors header, a `config.json` or an
/// `adapter_config.json`.
///
/// Integers without a fraction or exponent that fit in `Int` stay exact (`int`);
/// every other number is a `double`. Objects are unordered dictionaries; a
/// duplicate key is a parse error.
public enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])
}

extension JSONValue {
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
  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// The members, for an `object`.
  public var objectValue: [String: JSONValue]? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// True for `null`.
  public var isNull: Bool { self == .null }

  /// A short name of the value's JSON type, for error messages (`"a string"`).
  public var typeDescription: String {
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

extension JSONValue {
  /// Parses JSON text (RFC 8259, UTF-8). Leading and trailing whitespace is allowed.
  ///
  /// - Throws: `JSONParseError` with the 1-based line and column of the problem.
  public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(JSONParseError) -> JSONValue {
    var parser = JSONParser(bytes: Array(bytes))
    return try parser.parseDocument()
  }

  /// Parses JSON text from a string.
  public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    try parse(Array(text.utf8))
  }

  /// Compact JSON text (no spaces), object keys sorted, strings escaped as
  /// `serde_json` and Python's `json.dumps(ensure_ascii=False)` do.
  public var compactText: String {
    var out = ""
    write(to: &out)
    return out
  }

  private func write(to out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d):
      if d.isFinite { out += "\(d)" } else { out += "null" }
    case .string(let s): out += JSONValue.quoted(s)
    case .array(let a):
      out += "["
      for (i, v) in a.enumerated() {
        if i > 0 { out += "," }
        v.write(to: &out)
      }
      out += "]"
    case .object(let o):
      out += "{"
      for (i, key) in o.keys.sorted().enumerated() {
        if i > 0 { out += "," }
        out += JSONValue.quoted(key)
        out += ":"
        o[key]?.write(to: &out)
      }
      out += "}"
    }
  }

  /// A JSON string literal for `s`: quotes, backslashes and control characters
  /// escaped (`\n`, `\t`, ... or `\u00XX`), everything else verbatim.
  public static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
    return out
  }
}

/// A JSON syntax error with its 1-based position.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
  /// 1-based line of the problem.
  public var line: Int
  /// 1-based column (in bytes) of the problem.
  public var column: Int
  /// What is wrong, e.g. `expected ',' or '}' after an object member`.
  public var reason: String

  public init(line: Int, column: Int, reason: String) {
    self.line = line
    self.column = column
    self.reason = reason
  }

  public var description: String { "line \(line), column \(column): \(reason)" }
}
