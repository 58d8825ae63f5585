import RunResults
import Support

/// Reads the front matter subset described on `FrontMatter`, reporting problems at the
/// Markdown line where they are.
enum FrontMatterParser {
  /// Where the front matter is in a file, and how many lines it covers.
  struct Extent {
    /// The 1-based lines of the text between the markers.
    var contentLines: ClosedRange<Int>?
    /// The 1-based line of the closing marker.
    var closingLine: Int
  }

  /// The extent of the front matter of `lines`, or `nil` when the file has none; a
  /// diagnostic when the front matter is never closed.
  static func extent(of lines: [Substring], file: String) -> Result<Extent, SpecDiagnostic>? {
    guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else { return nil }
    for (index, line) in lines.enumerated().dropFirst() {
      let trimmed = line.trimmingTrailingSpaces()
      if trimmed == "---" || trimmed == "..." {
        let lineNumber = index + 1
        return .success(Extent(contentLines: lineNumber > 2 ? 2...(lineNumber - 1) : nil, closingLine: lineNumber))
      }
    }
    return .failure(
      SpecDiagnostic(
        "front matter opened with '---' is never closed; end it with a '---' line",
        at: InputLocation(file: file, line: 1)))
  }

  /// Parses the front matter lines (`lines[i]` is file line `firstLine + i`).
  static func parse(
    _ lines: [Substring], firstLine: Int, file: String, knownKeys: Set<String>
  ) -> (FrontMatter, [SpecDiagnostic]) {
    var fields: [FrontMatterField] = []
    var diagnostics: [SpecDiagnostic] = []
    var openList: Int?
    for (offset, rawLine) in lines.enumerated() {
      let lineNumber = firstLine + offset
      let location = InputLocation(file: file, line: lineNumber)
      let line = stripComment(String(rawLine)).trimmingTrailingSpaces()
      let trimmed = line.trimmingSpaces()
      if trimmed.isEmpty { continue }
      if trimmed.hasPrefix("- ") || trimmed == "-" {
        guard let index = openList, line.first?.isWhitespace == true || line.hasPrefix("-") else {
          diagnostics.append(
            SpecDiagnostic("YAML error in front matter: a list item without a key above it", at: location))
          continue
        }
        fields[index].values.append(unquote(String(trimmed.dropFirst()).trimmingSpaces()))
        continue
      }
      guard line.first?.isWhitespace != true, let colon = line.firstIndex(of: ":") else {
        diagnostics.append(
          SpecDiagnostic("YAML error in front matter: expected 'key: value', found '\(trimmed)'", at: location))
        openList = nil
        continue
      }
      let key = String(line[..<colon]).trimmingSpaces()
      let value = String(line[line.index(after: colon)...]).trimmingSpaces()
      if !knownKeys.contains(key) {
        var message = "unknown front matter key '\(key)'"
        message += ClosestName.hint(key, among: knownKeys)
        message += " (known keys: \(knownKeys.sorted().joined(separator: ", ")))"
        diagnostics.append(SpecDiagnostic(message, at: location))
      }
      if let previous = fields.first(where: { $0.key == key }) {
        diagnostics.append(
          SpecDiagnostic("duplicate front matter key '\(key)' (first at line \(previous.line))", at: location))
      }
      openList = nil
      if value.isEmpty {
        fields.append(FrontMatterField(key: key, values: [], isList: true, line: lineNumber))
        openList = fields.count - 1
      } else if value.hasPrefix("[") {
        guard value.hasSuffix("]") else {
          diagnostics.append(SpecDiagnostic("YAML error in front matter: unclosed '[' in '\(key)'", at: location))
          continue
        }
        let items = splitFlowList(String(value.dropFirst().dropLast()))
        fields.append(FrontMatterField(key: key, values: items, isList: true, line: lineNumber))
      } else {
        if let quote = value.first, quote == "\"" || quote == "'", value.count < 2 || value.last != quote {
          diagnostics.append(SpecDiagnostic("YAML error in front matter: unclosed quote in '\(key)'", at: location))
          continue
        }
        fields.append(FrontMatterField(key: key, values: [unquote(value)], isList: false, line: lineNumber))
      }
    }
    let raw = lines.joined(separator: "\n")
    return (FrontMatter(raw: raw, firstLine: firstLine, fields: fields), diagnostics)
  }

  private static func splitFlowList(_ text: String) -> [String] {
    var items: [String] = []
    var current = ""
    var quote: Character?
    for character in text {
      if let open = quote {
        current.append(character)
        if character == open { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
        current.append(character)
      } else if character == "," {
        items.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    items.append(current)
    return items.map { unquote($0.trimmingSpaces()) }.filter { !$0.isEmpty }
  }

  private static func unquote(_ text: String) -> String {
    guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else {
      return text
    }
    return String(text.dropFirst().dropLast())
  }

  /// The line without a `#` comment (a `#` at the start or after white space, outside quotes).
  private static func stripComment(_ line: String) -> String {
    var quote: Character?
    var previous: Character = " "
    for index in line.indices {
      let character = line[index]
      if let open = quote {
        if character == open { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
      } else if character == "#", previous.isWhitespace {
        return String(line[..<index])
      }
      previous = character
    }
    return line
  }
}

extension StringProtocol {
  /// The text without trailing spaces, tabs and `\r`.
  func trimmingTrailingSpaces() -> String {
    var end = endIndex
    while end > startIndex {
      let before = index(before: end)
      guard self[before] == " " || self[before] == "\t" || self[before] == "\r" else { break }
      end = before
    }
    return String(self[startIndex..<end])
  }
}
