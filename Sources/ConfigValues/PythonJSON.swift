/// Python's `json.dumps(value, indent=2)` (object keys are written in the order given;
/// `ensure_ascii=True`, floats as `repr(float)`, `NaN`/`Infinity` as Python writes them).
public enum PythonJSON {
  /// The JSON text, no trailing newline (as PEFT writes the file).
  public static func dumps(_ value: ConfigValue, indent: Int = 2) -> String {
    var out = ""
    write(value, level: 0, indent: indent, into: &out)
    return out
  }

  private static func write(_ value: ConfigValue, level: Int, indent: Int, into out: inout String) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d):
      if d.isNaN {
        out += "NaN"
      } else if d.isInfinite {
        out += d < 0 ? "-Infinity" : "Infinity"
      } else {
        out += floatRepr(d)
      }
    case .string(let s): out += quoted(s)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (i, item) in items.enumerated() {
        out += i == 0 ? "\n" : ",\n"
        out += String(repeating: " ", count: (level + 1) * indent)
        write(item, level: level + 1, indent: indent, into: &out)
      }
      out += "\n" + String(repeating: " ", count: level * indent) + "]"
    case .object(let entries):
      if entries.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (i, entry) in entries.enumerated() {
        out += i == 0 ? "\n" : ",\n"
        out += String(repeating: " ", count: (level + 1) * indent)
        out += quoted(entry.key) + ": "
        write(entry.value, level: level + 1, indent: indent, into: &out)
      }
      out += "\n" + String(repeating: " ", count: level * indent) + "}"
    }
  }

  /// A JSON string literal with Python's `ensure_ascii` escaping.
  public static func quoted(_ s: String) -> String {
    // Most strings (module names, keys) are printable ASCII without quotes or backslashes:
    // they are copied whole.
    if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) { return "\"" + s + "\"" }
    var out = "\""
    for unit in s.utf16 {
      switch unit {
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x09: out += "\\t"
      case 0x08: out += "\\b"
      case 0x0C: out += "\\f"
      case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
      default:
        let hex = String(unit, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      }
    }
    return out + "\""
  }

  /// Python's `repr(float)`: `1.0`, `0.05`, `1e-05`, `inf`.
  public static func floatRepr(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    if d == d.rounded(), abs(d) < 1e16 { return String(Int(d)) + ".0" }
    return d.description
  }
}
