import Foundation

/// Number formats shared by the reports.
enum Formatting {
  /// Seconds with three decimals (`0.012s`).
  static func seconds(_ value: Double) -> String {
    String(format: "%.3fs", max(0, value.isFinite ? value : 0))
  }

  /// `text` with every line prefixed by `prefix`.
  static func indent(_ text: String, by prefix: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
  }
}
