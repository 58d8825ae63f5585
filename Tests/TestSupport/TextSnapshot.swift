/// Text comparisons with a readable line diff, for snapshot-style assertions.
public enum TextSnapshot {
  /// `nil` when `actual` equals `expected`; otherwise the lines that differ, numbered,
  /// as `-expected` / `+actual` pairs.
  public static func difference(_ actual: String, _ expected: String) -> String? {
    guard actual != expected else { return nil }
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var lines: [String] = []
    for index in 0..<max(old.count, new.count) {
      let left = index < old.count ? String(old[index]) : nil
      let right = index < new.count ? String(new[index]) : nil
      if left != right {
        lines.append("\(index + 1): -\(left.map { "\"\($0)\"" } ?? "(none)")")
        lines.append("\(index + 1): +\(right.map { "\"\($0)\"" } ?? "(none)")")
      }
    }
    return lines.joined(separator: "\n")
  }
}
