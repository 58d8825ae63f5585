/// A line diff of expected versus actual text (longest common subsequence), rendered as HTML
/// with both sides labelled, for failed blocks.
enum LineDiff {
  enum Line: Equatable {
    case same(String)
    case expectedOnly(String)
    case actualOnly(String)
  }

  /// The diff as lines; inputs beyond 2,000 lines each are compared as wholes (all removed, all added).
  static func lines(expected: String, actual: String) -> [Line] {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard a.count <= 2000, b.count <= 2000 else { return a.map(Line.expectedOnly) + b.map(Line.actualOnly) }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    var out: [Line] = []
    var i = 0
    var j = 0
    while i < a.count, j < b.count {
      if a[i] == b[j] {
        out.append(.same(a[i]))
        i += 1
        j += 1
      } else if table[i + 1][j] >= table[i][j + 1] {
        out.append(.expectedOnly(a[i]))
        i += 1
      } else {
        out.append(.actualOnly(b[j]))
        j += 1
      }
    }
    out += a[i...].map(Line.expectedOnly) + b[j...].map(Line.actualOnly)
    return out
  }

  /// A unified diff made elsewhere (the runner's), coloured by each line's first character.
  static func html(unified: String) -> String {
    var body = ""
    for line in unified.split(separator: "\n", omittingEmptySubsequences: false) {
      let text = Markup.escape(String(line))
      if line.hasPrefix("---") || line.hasPrefix("+++") || line.hasPrefix("@@") {
        body += "<span class=\"same\">\(text)</span>\n"
      } else if line.hasPrefix("-") {
        body += "<span class=\"expected\">\(text)</span>\n"
      } else if line.hasPrefix("+") {
        body += "<span class=\"actual\">\(text)</span>\n"
      } else {
        body += "<span class=\"same\">\(text)</span>\n"
      }
    }
    return "<div class=\"diff\"><p class=\"diff-legend\"><span class=\"expected\">- expected</span> "
      + "<span class=\"actual\">+ actual</span></p><pre>\(body)</pre></div>"
  }

  /// `<div class="diff">` with a caption and one `<span>` per line: `-` expected only, `+` actual only.
  static func html(expected: String, actual: String) -> String {
    var body = ""
    for line in lines(expected: expected, actual: actual) {
      switch line {
      case .same(let text): body += "<span class=\"same\">  \(Markup.escape(text))</span>\n"
      case .expectedOnly(let text): body += "<span class=\"expected\">- \(Markup.escape(text))</span>\n"
      case .actualOnly(let text): body += "<span class=\"actual\">+ \(Markup.escape(text))</span>\n"
      }
    }
    return "<div class=\"diff\"><p class=\"diff-legend\"><span class=\"expected\">- expected</span> "
      + "<span class=\"actual\">+ actual</span></p><pre>\(body)</pre></div>"
  }
}
