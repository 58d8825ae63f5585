extension ConfigValue {
  /// Parses JSON text (RFC 8259, UTF-8) strictly: objects keep their keys in file order
  /// with each key's line, a duplicate key is an error, nesting is limited to 256 levels.
  /// Leading and trailing whitespace and a byte-order mark are allowed.
  ///
  /// - Throws: `JSONParseError` with the 1-based line and column of the problem.
  public static func parseJSON<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(JSONParseError) -> ConfigValue {
    var parser = JSONParser(bytes: Array(bytes))
    return try parser.parseDocument()
  }

  /// Parses JSON text from a string.
  public static func parseJSON(_ text: String) throws(JSONParseError) -> ConfigValue {
    try parseJSON(Array(text.utf8))
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
    case .string(let s): out += ConfigValue.quoted(s)
    case .array(let a):
      out += "["
      for (i, v) in a.enumerated() {
        if i > 0 { out += "," }
        v.write(to: &out)
      }
      out += "]"
    case .object(let o):
      out += "{"
      for (i, entry) in o.sorted(by: { $0.key < $1.key }).enumerated() {
        if i > 0 { out += "," }
        out += ConfigValue.quoted(entry.key)
        out += ":"
        entry.value.write(to: &out)
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
