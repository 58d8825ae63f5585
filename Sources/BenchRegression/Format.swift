import Foundation

/// Number formatting shared by verdict reasons and reports (locale-independent).
public enum Format {
  /// A p-value or small number: 3 significant digits, scientific below 0.001.
  public static func short(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    if value != 0, abs(value) < 0.001 { return String(format: "%.2e", value) }
    return String(format: "%.3g", value)
  }

  /// A fraction as a percentage: 0.05 -> "5%".
  public static func percent(_ fraction: Double) -> String {
    let value = fraction * 100
    return value == value.rounded() ? "\(Int(value))%" : String(format: "%.1f%%", value)
  }

  /// A value with a fixed number of decimals.
  public static func fixed(_ value: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", value)
  }
}
