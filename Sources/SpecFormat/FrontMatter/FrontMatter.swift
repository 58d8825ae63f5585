/// The YAML front matter of a spec file (between `---` lines at the very top).
///
/// lora-spec reads a small YAML subset itself: `key: value` lines, flow lists
/// (`tags: [a, b]`), block lists (`- a` lines under `key:`), quoted or plain scalars and
/// `#` comments. `raw` keeps the text for handlers that want to read more.
public struct FrontMatter: Sendable, Hashable {
  /// The text between the `---` lines.
  public var raw: String
  /// The 1-based file line of the first line of `raw`.
  public var firstLine: Int
  /// The fields in order.
  public var fields: [FrontMatterField]

  public init(raw: String, firstLine: Int, fields: [FrontMatterField]) {
    self.raw = raw
    self.firstLine = firstLine
    self.fields = fields
  }

  /// The field named `key`.
  public subscript(key: String) -> FrontMatterField? {
    fields.first { $0.key == key }
  }

  /// `tags`: a list, or one scalar.
  public var tags: [String] { self["tags"]?.values ?? [] }

  /// `skip`: the reason, or `"skipped"` for `skip: true`; `nil` when absent or false.
  public var skip: String? { self["skip"]?.reason(default: "skipped") }

  /// `xfail`: the reason, or `"expected failure"` for `xfail: true`; `nil` when absent or false.
  public var xfail: String? { self["xfail"]?.reason(default: "expected failure") }
}

/// One `key: value` line of the front matter.
public struct FrontMatterField: Sendable, Hashable {
  /// The key.
  public var key: String
  /// The scalar value, or each item of a list.
  public var values: [String]
  /// Whether the value was written as a list.
  public var isList: Bool
  /// The 1-based file line of the key.
  public var line: Int

  public init(key: String, values: [String], isList: Bool, line: Int) {
    self.key = key
    self.values = values
    self.isList = isList
    self.line = line
  }

  /// The value as a reason: `nil` for `false`/`no`/`off` or an empty value, `fallback`
  /// for `true`/`yes`/`on`, else the text.
  func reason(default fallback: String) -> String? {
    let text = values.joined(separator: ", ")
    switch text.lowercased() {
    case "", "false", "no", "off": return nil
    case "true", "yes", "on": return fallback
    default: return text
    }
  }
}
