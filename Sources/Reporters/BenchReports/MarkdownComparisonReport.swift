import BenchRegression

/// The comparison as GitHub-flavoured Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`:
/// a one-line summary, changed and inconclusive metrics first, unchanged ones collapsed.
public enum MarkdownComparisonReport {
  /// GitHub's limit for a job summary.
  public static let sizeLimit = 1 << 20

  /// The Markdown. Rows are cut (with a note) if the text would exceed ``sizeLimit``.
  public static func render(_ comparison: RunComparison) -> String {
    let rows = comparison.comparisons.map(ComparisonRow.init)
    let status = comparison.exitStatus(strict: false)
    let headline: String
    switch status {
    case .regression: headline = "Benchmark regression"
    case .improvementsOnly: headline = "Benchmarks improved"
    case .unchanged, .inconclusive: headline = "No benchmark regression"
    }
    var out = "### \(headline)\n\n**\(comparison.summaryLine)** against baseline "
    out += "`\(comparison.baseline.commit.isEmpty ? "unknown" : String(comparison.baseline.commit.prefix(8)))` "
    out += "(\(escape(comparison.baseline.date))).\n\n"
    if let note = comparison.machineNote { out += "> \(escape(note))\n\n" }
    let confidence = comparison.comparisons.first?.policy.confidence ?? RegressionPolicy.default.confidence
    let header =
      "| verdict | benchmark | baseline | current | ratio | \(Format.percent(confidence)) CI | p | why |\n"
      + "|---|---|--:|--:|--:|--:|--:|---|\n"
    func tableRow(_ row: ComparisonRow) -> String {
      "| \(badge(row.verdict)) | \(escape(row.benchmark)) | \(row.baseline) | \(row.current) | \(row.ratio) "
        + "| \(row.interval) | \(row.pValue) | \(escape(row.note)) |\n"
    }
    let changed = rows.filter { $0.verdict != .unchanged }
    let unchanged = rows.filter { $0.verdict == .unchanged }
    var truncated = 0
    func append(_ rows: [ComparisonRow], to text: inout String) {
      for row in rows {
        let line = tableRow(row)
        if out.utf8.count + text.utf8.count + line.utf8.count > sizeLimit - 4096 {
          truncated += 1
        } else {
          text += line
        }
      }
    }
    if !changed.isEmpty {
      var table = header
      append(changed, to: &table)
      out += table + "\n"
    }
    if !unchanged.isEmpty {
      var table = header
      append(unchanged, to: &table)
      out += "<details><summary>\(unchanged.count) unchanged</summary>\n\n\(table)\n</details>\n\n"
    }
    if truncated > 0 { out += "_\(truncated) rows left out to stay under GitHub's 1 MiB limit._\n\n" }
    if !comparison.unmatched.isEmpty {
      out +=
        "Not compared (measured on one side only): "
        + comparison.unmatched.map { "`\($0.benchmark)`" }.joined(separator: ", ") + "\n"
    }
    return out
  }

  static func badge(_ verdict: Verdict) -> String {
    switch verdict {
    case .regressed: "🔴 regressed"
    case .improved: "🟢 improved"
    case .unchanged: "⚪ unchanged"
    case .inconclusive: "🟡 inconclusive"
    }
  }

  /// Escapes characters that would break a table cell or start Markdown/HTML.
  static func escape(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "|": out += "\\|"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\n": out += " "
      default: out.append(c)
      }
    }
    return out
  }
}
