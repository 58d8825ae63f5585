import RunResults
import Support

/// Turns Markdown into a `SpecDocument`: the file is the suite, `#` the title, each `##`
/// a scenario, blocks before the first `##` the background.
///
/// Parsing never fails: problems become `SpecDiagnostic`s on the scenario or document
/// they concern, so one broken spec never stops the others.
public struct SpecParser: Sendable {
  /// The keywords and directives that are executable.
  public var syntax: SpecSyntax

  public init(syntax: SpecSyntax) {
    self.syntax = syntax
  }

  /// Parses `source`, reporting locations in `file`.
  public func parse(_ source: String, file: String) -> SpecDocument {
    var builder = DocumentBuilder(file: file, source: source, syntax: syntax)
    builder.build()
    return builder.document
  }
}

/// The state of one parse.
private struct DocumentBuilder {
  let syntax: SpecSyntax
  let index: LineIndex
  var document: SpecDocument
  var current: Scenario?
  var allScenarios: [Scenario] = []
  var pending: Directive?
  var pendingEndLine = 0
  /// Info-string words of fenced blocks that are neither keywords nor known languages,
  /// with the first line each appears on (named when a suite turns out empty).
  var unregisteredKinds: [(kind: String, line: Int)] = []

  init(file: String, source: String, syntax: SpecSyntax) {
    self.syntax = syntax
    index = LineIndex(source)
    document = SpecDocument(file: file, source: source)
  }

  var file: String { document.file }

  mutating func build() {
    var lines = document.source.split(separator: "\n", omittingEmptySubsequences: false)
    switch FrontMatterParser.extent(of: lines, file: file) {
    case .success(let extent):
      if let range = extent.contentLines {
        let (frontMatter, problems) = FrontMatterParser.parse(
          Array(lines[(range.lowerBound - 1)...(range.upperBound - 1)]), firstLine: range.lowerBound, file: file,
          knownKeys: syntax.frontMatterKeys)
        document.frontMatter = frontMatter
        document.diagnostics += problems
        document.tags += frontMatter.tags
      } else {
        document.frontMatter = FrontMatter(raw: "", firstLine: 2, fields: [])
      }
      for line in 0..<extent.closingLine { lines[line] = "" }
    case .failure(let diagnostic):
      document.diagnostics.append(diagnostic)
    case nil:
      break
    }
    let tree = MarkdownTree(markdown: lines.joined(separator: "\n"))
    for node in tree.nodes { visit(node) }
    flushPending(before: nil)
    closeScenario(endLine: index.count)
    finish()
  }

  mutating func visit(_ node: MarkdownTree.Node) {
    if case .table(let table) = node {
      flushPending(before: table)
      return
    }
    flushPending(before: nil)
    switch node {
    case .heading(let level, let text, let line):
      if level == 1, document.title == nil, current == nil {
        document.title = text.trimmingSpaces()
      } else if level == 2 {
        closeScenario(endLine: line - 1)
        let heading = text.trimmingSpaces()
        current = Scenario(heading: heading, location: InputLocation(file: file, line: line))
      }
    case .codeBlock(let code):
      addCode(code)
    case .html(let literal, let line, let endLine, let topLevel):
      guard topLevel, let directive = Directive.parse(literal, location: InputLocation(file: file, line: line))
      else { return }
      pending = directive
      pendingEndLine = endLine
    case .table:
      break
    }
  }

  mutating func addCode(_ code: MarkdownTree.CodeBlockNode) {
    guard code.fenced else { return }
    let info = code.info.trimmingSpaces()
    let keyword = String(info.prefix { !$0.isWhitespace })
    let location = InputLocation(file: file, line: code.startLine)
    guard syntax.blockKinds.contains(keyword) else {
      if !keyword.isEmpty, !SpecSyntax.languages.contains(keyword.lowercased()),
        !unregisteredKinds.contains(where: { $0.kind == keyword })
      {
        unregisteredKinds.append((keyword, code.startLine))
      }
      if keyword.count >= 3, !SpecSyntax.languages.contains(keyword.lowercased()),
        let suggestion = ClosestName.match(keyword, among: syntax.blockKinds)
      {
        add(
          SpecDiagnostic(
            "unknown block kind '\(keyword)'; \(ClosestName.phrase(suggestion)) "
              + "(block kinds: \(syntax.blockKinds.sorted().joined(separator: ", ")))", at: location))
      }
      return
    }
    var body = code.literal.replacingCRLF()
    if body.hasSuffix("\n") == false, !body.isEmpty { body += "\n" }
    let block = SpecBlock(
      kind: keyword, arguments: BlockArguments(parsing: info.dropFirst(keyword.count)), info: info, body: body,
      location: location, bodyLine: code.startLine + 1, bodyRange: bodyRange(of: code),
      indentation: code.fenceOffset, isRewritable: code.topLevel)
    add(.block(block))
  }

  /// The byte range of the lines between the fences.
  func bodyRange(of code: MarkdownTree.CodeBlockNode) -> Range<Int> {
    let start = index.start(ofLine: code.startLine + 1)
    guard code.endLine > code.startLine else { return start..<start }
    let last = index.text(ofLine: code.endLine)
    let stripped = last.drop { $0 == " " }
    let fence = String(repeating: code.fenceCharacter, count: max(code.fenceLength, 1))
    let closed =
      last.count - stripped.count <= 3 && stripped.hasPrefix(fence)
      && stripped.drop(while: { $0 == code.fenceCharacter }).allSatisfy(\.isWhitespace)
    let end = closed ? index.start(ofLine: code.endLine) : index.start(ofLine: code.endLine + 1)
    return start..<max(start, end)
  }

  /// Resolves a pending directive: a table directive when `table` follows it directly,
  /// else a marker (`skip`, `xfail`, `tags`).
  mutating func flushPending(before table: MarkdownTree.TableNode?) {
    guard let directive = pending else { return }
    pending = nil
    let adjacent =
      table.map { table in
        table.topLevel && table.line > pendingEndLine
          && ((pendingEndLine + 1)..<table.line).allSatisfy { index.isBlank(line: $0) }
      } ?? false
    if let table, adjacent {
      guard syntax.tableDirectives.contains(directive.name) else {
        add(unknownDirective(directive, expectingTable: true))
        return
      }
      let location = InputLocation(file: file, line: table.line)
      let rows = table.rows.enumerated().map { offset, row in
        TableRow(
          number: offset + 1, headers: table.header,
          cells: rawCells(line: row.line, rendered: row.cells, count: table.header.count),
          location: InputLocation(file: file, line: row.line))
      }
      if rows.isEmpty {
        add(SpecDiagnostic("the '\(directive.name)' table has no rows", at: location))
      }
      add(.table(SpecTable(directive: directive, headers: table.header, rows: rows, location: location)))
      return
    }
    applyMarker(directive)
  }

  /// A row's cells as written in the source (see `RawTableCells`), falling back to the
  /// rendered text when the row's line cannot be split into as many cells.
  func rawCells(line: Int, rendered: [String], count: Int) -> [String] {
    let fallback = (0..<count).map { $0 < rendered.count ? rendered[$0] : "" }
    guard line >= 1, line <= index.count else { return fallback }
    let raw = RawTableCells.split(index.text(ofLine: line)[...])
    guard raw.count >= rendered.count else { return fallback }
    return (0..<count).map { $0 < raw.count ? raw[$0] : "" }
  }

  mutating func applyMarker(_ directive: Directive) {
    let reason = directive.argumentText
    switch directive.name {
    case "skip":
      if current != nil { current?.skip = reason.isEmpty ? "skipped" : reason } else { markDocument("skip", reason) }
    case "xfail":
      if current != nil {
        current?.xfail = reason.isEmpty ? "expected failure" : reason
      } else {
        markDocument("xfail", reason)
      }
    case "tags":
      let tags = directive.arguments.positional.flatMap { $0.split(separator: ",").map(String.init) }
      if current != nil { current?.tags += tags } else { document.tags += tags }
    default:
      if syntax.tableDirectives.contains(directive.name) {
        add(
          SpecDiagnostic(
            "the '\(directive.name)' directive must be followed by a table (only blank lines between)",
            at: directive.location))
      } else {
        add(unknownDirective(directive, expectingTable: false))
      }
    }
  }

  mutating func markDocument(_ key: String, _ reason: String) {
    let value = reason.isEmpty ? "true" : reason
    let field = FrontMatterField(key: key, values: [value], isList: false, line: 0)
    if document.frontMatter == nil { document.frontMatter = FrontMatter(raw: "", firstLine: 0, fields: []) }
    document.frontMatter?.fields.removeAll { $0.key == key }
    document.frontMatter?.fields.append(field)
  }

  func unknownDirective(_ directive: Directive, expectingTable: Bool) -> SpecDiagnostic {
    let names = syntax.tableDirectives.union(SpecSyntax.markerDirectives)
    var message = "unknown lora-spec directive '\(directive.name)'"
    message += ClosestName.hint(directive.name, among: names)
    message += " (directives: \(names.sorted().joined(separator: ", ")))"
    return SpecDiagnostic(message, at: directive.location)
  }

  mutating func add(_ item: SpecItem) {
    if current != nil { current?.items.append(item) } else { document.background.append(item) }
  }

  mutating func add(_ diagnostic: SpecDiagnostic) {
    if current != nil { current?.diagnostics.append(diagnostic) } else { document.diagnostics.append(diagnostic) }
  }

  mutating func closeScenario(endLine: Int) {
    guard var scenario = current else { return }
    scenario.endLine = max(endLine, scenario.location.line ?? 0)
    allScenarios.append(scenario)
    current = nil
  }

  mutating func finish() {
    var seen: [String: (line: Int, count: Int)] = [:]
    for var scenario in allScenarios where scenario.isRunnable {
      let key = scenario.heading
      if let first = seen[key] {
        let count = first.count + 1
        seen[key] = (first.line, count)
        scenario.name = "\(scenario.heading) (\(count))"
        scenario.diagnostics.append(
          SpecDiagnostic(
            "duplicate scenario name '\(scenario.heading)' (first at line \(first.line)); give each '##' heading a unique name",
            at: scenario.location))
      } else {
        seen[key] = (scenario.location.line ?? 0, 1)
      }
      if scenario.heading.isEmpty {
        scenario.diagnostics.append(SpecDiagnostic("a scenario heading ('##') has no text", at: scenario.location))
      }
      document.scenarios.append(scenario)
    }
    if document.scenarios.isEmpty {
      let line = allScenarios.first?.location.line ?? 1
      var detail =
        allScenarios.isEmpty
        ? "it has no '## ' scenario heading"
        : "none of its '## ' sections has an executable block (\(syntax.blockKinds.sorted().joined(separator: ", ")))"
      if !unregisteredKinds.isEmpty {
        let kinds = unregisteredKinds.map { "'\($0.kind)' (line \($0.line))" }.joined(separator: ", ")
        detail += "; no handler is registered for its blocks \(kinds)"
      }
      document.diagnostics.append(
        SpecDiagnostic("empty suite: \(detail)", at: InputLocation(file: file, line: line)))
    }
  }
}

extension String {
  /// The text with `\r\n` line ends turned into `\n`.
  func replacingCRLF() -> String {
    guard contains("\r") else { return self }
    var result = ""
    result.reserveCapacity(utf8.count)
    for scalar in unicodeScalars where scalar != "\r" { result.unicodeScalars.append(scalar) }
    return result
  }
}
