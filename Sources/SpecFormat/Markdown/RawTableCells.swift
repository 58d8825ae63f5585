import Foundation

/// The cells of a GFM table row as written in the source, not as rendered.
///
/// Example tables hold regular expressions and YAML; Markdown rendering would eat their
/// `*`, `_` and backslashes (`'.*oba.*'` renders as emphasis). So cells are read from
/// the row's source line: split at unescaped `|`, trimmed, `\|` turned into `|`. A cell
/// that is one code span (`` `'.*q_proj'` ``) gives its content, so a table can show a
/// pattern verbatim on GitHub and run it unchanged.
enum RawTableCells {
  static func split(_ line: Substring) -> [String] {
    var text = String(line).trimmingCharacters(in: .whitespaces)[...]
    if text.hasPrefix("|") { text = text.dropFirst() }
    if text.hasSuffix("|") && !text.hasSuffix("\\|") { text = text.dropLast() }
    var cells: [String] = []
    var current = ""
    var previous: Character?
    for character in text {
      if character == "|" && previous != "\\" {
        cells.append(current)
        current = ""
      } else {
        current.append(character)
      }
      previous = character
    }
    cells.append(current)
    return cells.map(clean)
  }

  private static func clean(_ cell: String) -> String {
    var text = cell.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\\|", with: "|")
    var ticks = 0
    while ticks < text.count / 2, text.hasPrefix(String(repeating: "`", count: ticks + 1)),
      text.hasSuffix(String(repeating: "`", count: ticks + 1))
    {
      ticks += 1
    }
    if ticks > 0 {
      text = String(text.dropFirst(ticks).dropLast(ticks))
      if text.hasPrefix(" ") && text.hasSuffix(" ") && text.count > 1 { text = String(text.dropFirst().dropLast()) }
    }
    return text
  }
}
