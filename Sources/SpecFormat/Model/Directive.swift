import RunResults
import Support

/// An HTML comment `<!-- lora-spec: NAME ARGS -->`, invisible on GitHub.
///
/// Before a table it names the table's handler (`match`); elsewhere it marks the current
/// scenario (or, before the first `##`, the whole file): `skip REASON`, `xfail REASON`,
/// `tags A B`.
public struct Directive: Sendable, Hashable {
  /// The directive name (`match`, `skip`, `xfail`, `tags`).
  public var name: String
  /// The rest of the comment, trimmed.
  public var argumentText: String
  /// The directive's arguments, split like a fence's info string.
  public var arguments: BlockArguments
  /// Where the comment is.
  public var location: InputLocation

  public init(name: String, argumentText: String = "", location: InputLocation) {
    self.name = name
    self.argumentText = argumentText
    self.arguments = BlockArguments(parsing: argumentText)
    self.location = location
  }

  /// The directive in `html`, when it is a `lora-spec:` comment.
  static func parse(_ html: String, location: InputLocation) -> Directive? {
    let text = html.trimmingSpaces()
    guard text.hasPrefix("<!--"), text.hasSuffix("-->") else { return nil }
    let inner = String(text.dropFirst(4).dropLast(3)).trimmingSpaces()
    guard inner.hasPrefix("lora-spec:") else { return nil }
    let rest = String(inner.dropFirst("lora-spec:".count)).trimmingSpaces()
    let name = String(rest.prefix { !$0.isWhitespace })
    let arguments = String(rest.dropFirst(name.count)).trimmingSpaces()
    return Directive(name: name, argumentText: arguments, location: location)
  }
}
