import RunResults

/// GitHub Actions output: `::error` workflow commands for the first failures and a
/// Markdown job summary.
public enum GitHubReport {
  /// GitHub shows at most 10 error annotations per step.
  public static let annotationLimit = 10

  /// `::error file=F,line=L,title=T::message` lines for the first `limit` failing cases.
  public static func annotations(_ result: RunResult, limit: Int = annotationLimit) -> String {
    var lines: [String] = []
    var omitted = 0
    for suite in result.suites {
      for item in suite.cases where item.code.isFailure {
        guard lines.count < limit else {
          omitted += 1
          continue
        }
        let location = item.failureLocation ?? item.location
        var properties = ["file=\(escapeProperty(location?.file ?? suite.file))"]
        if let line = location?.line { properties.append("line=\(line)") }
        properties.append("title=\(escapeProperty("\(suite.name): \(item.name) (\(item.code.label))"))")
        let body = item.details.isEmpty ? (item.message ?? item.code.label) : item.details
        lines.append("::error \(properties.joined(separator: ","))::\(escapeData(body))")
      }
    }
    if omitted > 0 {
      lines.append(
        "::warning title=\(escapeProperty("lora-spec: \(omitted) more failing \(omitted == 1 ? "case" : "cases")"))::"
          + escapeData(
            "GitHub shows \(limit) error annotations per step; \(omitted) more failing "
              + "\(omitted == 1 ? "case is" : "cases are") listed in the step summary and the JUnit report."))
    }
    return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
  }

  /// A Markdown summary: counts, then the failing cases with their messages.
  public static func stepSummary(_ result: RunResult, maxCharacters: Int = 60_000) -> String {
    let counts = result.counts
    var text = """
      ## lora-spec: \(counts.failing == 0 ? "all specs passed" : "\(counts.failing) failing")

      | passed | failed | errors | skipped | xfail | xpass | time |
      | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
      | \(counts.pass) | \(counts.fail) | \(counts.error) | \(counts.skipped) | \(counts.xfail) | \(counts.xpass) | \(Formatting.seconds(result.time)) |

      """
    var failing: [String] = []
    for suite in result.suites {
      for item in suite.cases where item.code.isFailure {
        let location = (item.failureLocation ?? item.location)?.description ?? suite.file
        failing.append(
          "<details><summary><b>\(item.code.label)</b> \(escapeHTML(item.name)) — <code>\(escapeHTML(location))</code></summary>\n\n"
            + "<pre>\(escapeHTML(item.details.isEmpty ? (item.message ?? "") : item.details))</pre>\n</details>\n")
      }
    }
    if !failing.isEmpty { text += "\n### Failures\n\n" }
    for entry in failing {
      guard text.count + entry.count < maxCharacters else {
        text += "\n… more failures in the JUnit report.\n"
        break
      }
      text += entry
    }
    return text
  }

  static func escapeData(_ text: String) -> String {
    text.replacingAll([("%", "%25"), ("\r", "%0D"), ("\n", "%0A")])
  }

  static func escapeProperty(_ text: String) -> String {
    text.replacingAll([("%", "%25"), ("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C")])
  }

  static func escapeHTML(_ text: String) -> String {
    text.replacingAll([("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")])
  }
}

extension String {
  /// The string with each character of the pairs replaced, in one pass.
  fileprivate func replacingAll(_ pairs: [(Character, String)]) -> String {
    var result = ""
    for character in self {
      if let pair = pairs.first(where: { $0.0 == character }) { result += pair.1 } else { result.append(character) }
    }
    return result
  }
}
