import CCmarkGFM

/// The parts of a cmark-gfm syntax tree the spec format needs, copied out of C memory.
///
/// The spec parser's only file that imports cmark-gfm (the site's Markdown renderer in Reporters is the
/// other). Positions are cmark's: 1-based lines.
struct MarkdownTree {
  /// One block of interest, in document order.
  enum Node {
    case heading(level: Int, text: String, line: Int)
    case codeBlock(CodeBlockNode)
    case html(literal: String, line: Int, endLine: Int, topLevel: Bool)
    case table(TableNode)
  }

  struct CodeBlockNode {
    var info: String
    var literal: String
    var startLine: Int
    var endLine: Int
    var fenced: Bool
    var fenceLength: Int
    var fenceOffset: Int
    var fenceCharacter: Character
    var topLevel: Bool
  }

  struct TableNode {
    var line: Int
    var header: [String]
    var rows: [(cells: [String], line: Int)]
    var topLevel: Bool
  }

  var nodes: [Node] = []

  /// Parses `markdown` with the GFM table extension on.
  init(markdown: String) {
    cmark_gfm_core_extensions_ensure_registered()
    guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return }
    defer { cmark_parser_free(parser) }
    if let table = cmark_find_syntax_extension("table") {
      cmark_parser_attach_syntax_extension(parser, table)
    }
    var bytes = Array(markdown.utf8)
    bytes.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { base in
        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) }
      }
    }
    guard let document = cmark_parser_finish(parser) else { return }
    defer { cmark_node_free(document) }
    collect(children: document, topLevel: true)
  }

  /// Visits the blocks in document order with an explicit stack (no recursion: a file of
  /// 100,000 nested block quotes must not exhaust the call stack).
  private mutating func collect(children parent: OpaquePointer, topLevel: Bool) {
    var pending: [(node: OpaquePointer, topLevel: Bool)] = []
    func push(childrenOf parent: OpaquePointer, topLevel: Bool) {
      var children: [OpaquePointer] = []
      var child = cmark_node_first_child(parent)
      while let node = child {
        children.append(node)
        child = cmark_node_next(node)
      }
      pending += children.reversed().map { ($0, topLevel) }
    }
    push(childrenOf: parent, topLevel: topLevel)
    while let (node, topLevel) = pending.popLast() {
      if visit(node, topLevel: topLevel) { push(childrenOf: node, topLevel: false) }
    }
  }

  /// Records `node`; returns true when it is a container whose children are blocks to visit.
  private mutating func visit(_ node: OpaquePointer, topLevel: Bool) -> Bool {
    let line = Int(cmark_node_get_start_line(node))
    let typeName = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    switch cmark_node_get_type(node) {
    case CMARK_NODE_HEADING:
      if topLevel {
        nodes.append(.heading(level: Int(cmark_node_get_heading_level(node)), text: Self.text(of: node), line: line))
      }
    case CMARK_NODE_CODE_BLOCK:
      var length: Int32 = 0
      var offset: Int32 = 0
      var character: CChar = 0
      let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
      nodes.append(
        .codeBlock(
          CodeBlockNode(
            info: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "",
            literal: cmark_node_get_literal(node).map { String(cString: $0) } ?? "",
            startLine: line, endLine: Int(cmark_node_get_end_line(node)), fenced: fenced,
            fenceLength: Int(length), fenceOffset: Int(offset),
            fenceCharacter: Character(Unicode.Scalar(UInt8(bitPattern: character))), topLevel: topLevel)))
    case CMARK_NODE_HTML_BLOCK:
      // cmark-gfm reports an end line before the start line for HTML blocks: count the
      // literal's lines instead.
      let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
      let lineCount = literal.trimmingSpaces().split(separator: "\n", omittingEmptySubsequences: false).count
      nodes.append(.html(literal: literal, line: line, endLine: line + max(lineCount, 1) - 1, topLevel: topLevel))
    case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM:
      return true
    default:
      if typeName == "table" { nodes.append(.table(Self.table(node, topLevel: topLevel))) }
    }
    return false
  }

  private static func table(_ node: OpaquePointer, topLevel: Bool) -> TableNode {
    var result = TableNode(line: Int(cmark_node_get_start_line(node)), header: [], rows: [], topLevel: topLevel)
    var row = cmark_node_first_child(node)
    var first = true
    while let current = row {
      var cells: [String] = []
      var cell = cmark_node_first_child(current)
      while let currentCell = cell {
        cells.append(text(of: currentCell).trimmingSpaces())
        cell = cmark_node_next(currentCell)
      }
      if first {
        result.header = cells
        first = false
      } else {
        result.rows.append((cells, Int(cmark_node_get_start_line(current))))
      }
      row = cmark_node_next(current)
    }
    return result
  }

  /// The plain text of an inline container: text, code spans and breaks as spaces (walked
  /// with an explicit stack, so deeply nested emphasis cannot exhaust the call stack).
  private static func text(of node: OpaquePointer) -> String {
    var result = ""
    var pending: [OpaquePointer] = []
    func push(childrenOf parent: OpaquePointer) {
      var children: [OpaquePointer] = []
      var child = cmark_node_first_child(parent)
      while let current = child {
        children.append(current)
        child = cmark_node_next(current)
      }
      pending += children.reversed()
    }
    push(childrenOf: node)
    while let current = pending.popLast() {
      switch cmark_node_get_type(current) {
      case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
        result += cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
      case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
        result += " "
      default:
        push(childrenOf: current)
      }
    }
    return result
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and line breaks.
  func trimmingSpaces() -> String {
    let scalars = unicodeScalars
    let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let start = scalars.firstIndex(where: { !isSpace($0) }),
      let end = scalars.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(scalars[start...end])
  }
}
