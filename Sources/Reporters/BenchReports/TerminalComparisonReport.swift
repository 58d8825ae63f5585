import BenchRegression

/// The comparison as a plain-text table for the terminal: verdict, benchmark, medians, ratio of
/// medians with its interval, p-value (criterion/compare.py style). No colour codes, so it pipes cleanly.
public enum TerminalComparisonReport {
  /// The table, a summary line, and notes on machine differences and unmatched metrics.
  public static func render(_ comparison: RunComparison) -> String {
    let confidence = comparison.comparisons.first?.policy.confidence ?? RegressionPolicy.default.confidence
    let header = [
      "verdict", "benchmark", "kind", "baseline", "current", "ratio", "\(Format.percent(confidence)) CI", "p",
    ]
    let rows = comparison.comparisons.map(ComparisonRow.init)
    let cells =
      [header]
      + rows.map {
        [$0.verdict.rawValue, $0.benchmark, $0.kind, $0.baseline, $0.current, $0.ratio, $0.interval, $0.pValue]
      }
    let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
    func line(_ row: [String]) -> String {
      row.enumerated().map { index, cell in
        let pad = String(repeating: " ", count: widths[index] - cell.count)
        return index >= 3 ? pad + cell : cell + pad
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }
    var out: [String] = []
    out.append(
      "Baseline \(comparison.baseline.commit.isEmpty ? "?" : String(comparison.baseline.commit.prefix(8))) "
        + "(\(comparison.baseline.date)) vs current "
        + "\(comparison.current.commit.isEmpty ? "?" : String(comparison.current.commit.prefix(8))) "
        + "(\(comparison.current.date))")
    if let note = comparison.machineNote { out.append(note) }
    out.append("")
    out.append(line(header))
    out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
    for row in rows {
      out.append(
        line([
          row.verdict.rawValue, row.benchmark, row.kind, row.baseline, row.current, row.ratio, row.interval,
          row.pValue,
        ]))
    }
    let explained = rows.filter { $0.verdict != .unchanged }
    if !explained.isEmpty {
      out.append("")
      for row in explained { out.append("\(row.verdict.rawValue): \(row.benchmark): \(row.note)") }
    }
    if !comparison.unmatched.isEmpty {
      out.append("")
      out.append(
        "Not compared (measured on one side only): " + comparison.unmatched.map(\.benchmark).joined(separator: "; "))
    }
    out.append("")
    out.append(comparison.summaryLine)
    return out.joined(separator: "\n") + "\n"
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
