/// Line diffs for failure reports.
public enum TextDiff {
  /// The lines of `text` with trailing white space removed and blank lines at the start
  /// and end dropped: the form expectations are compared in.
  public static func normalizedLines(_ text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      var line = Substring(line)
      while let last = line.last, last == " " || last == "\t" || last == "\r" { line = line.dropLast() }
      return String(line)
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    while lines.first?.isEmpty == true { lines.removeFirst() }
    return lines
  }

  /// A unified diff (`--- expected`, `+++ actual`, `@@` hunks with 3 lines of context)
  /// of the normalized lines; empty when they are equal.
  public static func unified(expected: String, actual: String, context: Int = 3) -> String {
    let old = normalizedLines(expected)
    let new = normalizedLines(actual)
    guard old != new else { return "" }
    let edits = script(old, new)
    var output = ["--- expected", "+++ actual"]
    var index = 0
    while index < edits.count {
      guard edits[index].kind != .same else {
        index += 1
        continue
      }
      var start = max(0, index - context)
      var end = index
      // Extend the hunk while changes are within 2*context lines of each other.
      var last = index
      var probe = index
      while probe < edits.count {
        if edits[probe].kind != .same {
          last = probe
        } else if probe - last > 2 * context {
          break
        }
        probe += 1
      }
      end = min(edits.count, last + context + 1)
      while start < index, edits[start].kind != .same { start += 1 }
      let hunk = edits[start..<end]
      let oldStart = (hunk.first?.oldIndex ?? 0) + 1
      let newStart = (hunk.first?.newIndex ?? 0) + 1
      let oldCount = hunk.filter { $0.kind != .insert }.count
      let newCount = hunk.filter { $0.kind != .delete }.count
      output.append("@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@")
      for edit in hunk {
        switch edit.kind {
        case .same: output.append(" " + edit.text)
        case .delete: output.append("-" + edit.text)
        case .insert: output.append("+" + edit.text)
        }
      }
      index = end
    }
    return output.joined(separator: "\n")
  }

  private static func range(_ start: Int, _ count: Int) -> String {
    count == 1 ? "\(start)" : "\(count == 0 ? start - 1 : start),\(count)"
  }

  private enum Kind { case same, delete, insert }

  private struct Edit {
    var kind: Kind
    var text: String
    var oldIndex: Int
    var newIndex: Int
  }

  /// An edit script from a longest common subsequence (quadratic; spec blocks are small).
  private static func script(_ old: [String], _ new: [String]) -> [Edit] {
    let n = old.count
    let m = new.count
    guard n * m <= 4_000_000 else {
      return old.enumerated().map { Edit(kind: .delete, text: $1, oldIndex: $0, newIndex: 0) }
        + new.enumerated().map { Edit(kind: .insert, text: $1, oldIndex: n, newIndex: $0) }
    }
    var table = [Int](repeating: 0, count: (n + 1) * (m + 1))
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        table[i * (m + 1) + j] =
          old[i] == new[j]
          ? table[(i + 1) * (m + 1) + j + 1] + 1 : max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1])
      }
    }
    var edits: [Edit] = []
    var i = 0
    var j = 0
    while i < n || j < m {
      if i < n, j < m, old[i] == new[j] {
        edits.append(Edit(kind: .same, text: old[i], oldIndex: i, newIndex: j))
        i += 1
        j += 1
      } else if i < n, j == m || table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1] {
        edits.append(Edit(kind: .delete, text: old[i], oldIndex: i, newIndex: j))
        i += 1
      } else {
        edits.append(Edit(kind: .insert, text: new[j], oldIndex: i, newIndex: j))
        j += 1
      }
    }
    return edits
  }
}
