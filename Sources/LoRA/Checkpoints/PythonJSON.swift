import LoRANumerics

/// JSON text exactly as Python's `json.dumps(value, indent=2, sort_keys=True)` writes it:
/// keys sorted by code point, two-space indent, `", "`-free item separators at line ends,
/// `": "` after keys, empty containers as `[]`/`{}`, non-ASCII escaped as `\uXXXX`
/// (`ensure_ascii=True`), floats in Python's shortest `repr` form (`1.0`, `0.05`, `1e-05`).
public enum PythonJSONText {
  /// The text of `value`, without a trailing newline (PEFT writes none).
  public static func dumps(_ value: JSONValue) -> String {
    var out = ""
    write(value, indent: 0, to: &out)
    return out
  }

  private static func write(_ value: JSONValue, indent: Int, to out: inout String) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d): out += pythonRepr(d)
    case .string(let s): out += quoted(s)
    case .array(let items):
      guard !items.isEmpty else {
        out += "[]"
        return
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        write(item, indent: indent + 2, to: &out)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += String(repeating: " ", count: indent) + "]"
    case .object(let dict):
      guard !dict.isEmpty else {
        out += "{}"
        return
      }
      out += "{\n"
      let keys = dict.keys.sorted {
        Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value))
      }
      for (i, key) in keys.enumerated() {
        out += String(repeating: " ", count: indent + 2) + quoted(key) + ": "
        if let v = dict[key] { write(v, indent: indent + 2, to: &out) }
        out += i + 1 < keys.count ? ",\n" : "\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    }
  }

  /// Python's `repr(float)`: shortest round-trip digits, `.0` for integral values,
  /// exponent form below 1e-4 or from 1e16, `NaN`/`Infinity` as `json` writes them.
  public static func pythonRepr(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
    // Swift's description is also shortest round-trip; only the layout rules differ.
    let magnitude = abs(d)
    let text = "\(d)"
    if magnitude >= 1e16 || magnitude < 1e-4 {
      // Swift prints "1e-05", "1.5e-07", "1e+16": the same form as Python.
      return text
    }
    if text.contains("e") {
      // Swift used exponent form where Python does not (Swift switches at 2^53): expand.
      return String(plainDecimal: d)
    }
    return text
  }

  /// A JSON string literal with Python's `ensure_ascii=True` escaping.
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
        if scalar.value < 0x20 || scalar.value > 0x7E {
          if scalar.value > 0xFFFF {
            let v = scalar.value - 0x10000
            out += hex4(0xD800 + (v >> 10)) + hex4(0xDC00 + (v & 0x3FF))
          } else {
            out += hex4(scalar.value)
          }
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  private static func hex4(_ v: UInt32) -> String {
    let h = String(v, radix: 16)
    return "\\u" + String(repeating: "0", count: max(0, 4 - h.count)) + h
  }
}

extension String {
  /// Plain decimal digits for a Double between 1e-4 and 1e16 printed by Swift in exponent form.
  fileprivate init(plainDecimal d: Double) {
    let text = "\(d)"
    guard let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) else {
      self = text
      return
    }
    var mantissa = String(text[..<e])
    let negative = mantissa.hasPrefix("-")
    if negative { mantissa.removeFirst() }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let intPart = String(parts.first ?? "")
    let fracPart = parts.count > 1 ? String(parts[1]) : ""
    var digits = intPart + fracPart
    var pointPosition = intPart.count + exponent
    if pointPosition <= 0 {
      digits = String(repeating: "0", count: 1 - pointPosition) + digits
      pointPosition = 1
    }
    if digits.count < pointPosition { digits += String(repeating: "0", count: pointPosition - digits.count) }
    var intDigits = String(digits.prefix(pointPosition))
    var fracDigits = String(digits.dropFirst(pointPosition))
    while fracDigits.hasSuffix("0") { fracDigits.removeLast() }
    if fracDigits.isEmpty { fracDigits = "0" }
    while intDigits.count > 1, intDigits.hasPrefix("0") { intDigits.removeFirst() }
    self = (negative ? "-" : "") + intDigits + "." + fracDigits
  }
}
