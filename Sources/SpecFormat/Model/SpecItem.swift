/// One executable element of a scenario or background, in document order.
public enum SpecItem: Sendable, Hashable {
  /// A fenced block with a registered keyword.
  case block(SpecBlock)
  /// An example table (a directive followed by a GFM table).
  case table(SpecTable)
}
