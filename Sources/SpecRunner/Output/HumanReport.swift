import RunResults
import Support

/// The human-readable report: one line per case, details of failures, a summary.
public enum HumanReport {
  /// The report of `outcome`.
  public static func render(_ outcome: RunOutcome, style: TerminalStyle) -> String {
    var lines: [String] = []
    for suite in outcome.result.suites {
      lines.append(style.bold(suite.file) + (suite.title.map { style.dim(" — \($0)") } ?? ""))
      for item in suite.cases {
        lines.append("  \(style.label(item.code)) \(item.name) \(style.dim(Formatting.seconds(item.time)))")
        if item.code.isFailure || item.code == .error {
          let body = item.details.isEmpty ? (item.message ?? "") : item.details
          if !body.isEmpty { lines.append(Formatting.indent(body, by: "        ")) }
        } else if let message = item.message, item.code != .pass {
          lines.append("        \(style.dim(message))")
        }
        for warning in item.warnings { lines.append("        warning: \(warning)") }
      }
    }
    if !outcome.updatedFiles.isEmpty {
      lines.append("")
      lines.append("updated: \(outcome.updatedFiles.joined(separator: ", "))")
    }
    for problem in outcome.updateProblems { lines.append("update: \(problem)") }
    lines.append("")
    lines.append(summary(outcome.result, style: style))
    return lines.joined(separator: "\n") + "\n"
  }

  /// `3 passed, 1 failed, 0 errors, ... (5 cases in 2 files) in 0.120s`.
  public static func summary(_ result: RunResult, style: TerminalStyle) -> String {
    let counts = result.counts
    let parts = [
      "\(counts.pass) passed", "\(counts.fail) failed", "\(counts.error) errors", "\(counts.skipped) skipped",
      "\(counts.xfail) xfail", "\(counts.xpass) xpass",
    ]
    let text =
      parts.joined(separator: ", ")
      + " (\(Counted.phrase(counts.total, "case")) in \(Counted.phrase(result.suites.count, "file"))) in \(Formatting.seconds(result.time))"
    if counts.total == 0 { return style.paint("no cases selected", "33") }
    return counts.failing == 0 ? style.paint(text, "32") : style.paint(text, "1;31")
  }
}
