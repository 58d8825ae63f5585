import ConfigValues

/// Python `repr` of the few value shapes PEFT interpolates into its messages.
public enum PythonRepr {
  /// `'text'` (Python prefers single quotes; switches to double quotes when the text has a `'` and no `"`).
  public static func string(_ s: String) -> String {
    if s.contains("'") && !s.contains("\"") { return "\"\(s)\"" }
    var out = "'"
    for c in s {
      switch c {
      case "\\": out += "\\\\"
      case "'": out += "\\'"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default: out.append(c)
      }
    }
    return out + "'"
  }

  /// `['a', 'b']` from already-repr'd items.
  public static func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

  /// `{'a', 'b'}` for strings; `set()` when empty.
  public static func set(_ items: [String]) -> String {
    items.isEmpty ? "set()" : "{" + items.map(string).joined(separator: ", ") + "}"
  }

  /// `['a', 'b']` for strings.
  public static func stringList(_ items: [String]) -> String { list(items.map(string)) }

  /// Python's `repr(float)`: `1.0`, `0.05`, `1e-05`, `inf`.
  public static func float(_ d: Double) -> String { PythonJSON.floatRepr(d) }
}
