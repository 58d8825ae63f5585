/// "1 case", "2 cases": a count with the noun in the right number, for every message.
public enum Counted {
  /// `count` and `singular`, or `plural` (default: `singular` + "s") when the count is not 1.
  public static func phrase(_ count: Int, _ singular: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
  }
}
