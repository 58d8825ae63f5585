import CCmarkGFM
import Foundation
import RunResults

/// Renders a spec's Markdown to HTML with GitHub's own parser (cmark-gfm, with the `table`,
/// `strikethrough`, `autolink` and `tagfilter` extensions), so the page shows what GitHub shows, plus:
/// - links to other specs (`other.md`, `../dir/other.md#part`) rewritten to their generated pages;
/// - each executable block wrapped with its outcome, failures with expected versus actual;
/// - anchors `L<line>` before headings, so the index can link to a scenario;
/// - extra HTML (tree pictures) inserted after the block at a given line.
///
/// YAML front matter is blanked out (line numbers are kept).
struct MarkdownRenderer {
  /// Resolves a link target to the generated page's URL, or `nil` to keep the link as written.
  var rewriteLink: (String) -> String?
  /// Outcomes by opening-fence line.
  var blocks: [Int: SiteBlock]
  /// HTML to insert after the block (or heading) starting at a line.
  var insertions: [Int: String]

  static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter"]

  /// The HTML body fragment for `markdown`.
  func render(_ markdown: String) -> String {
    let source = Self.blankingFrontMatter(markdown)
    cmark_gfm_core_extensions_ensure_registered()
    // UNSAFE keeps the HTML blocks inserted here (and the spec's own comments); tagfilter still
    // neutralises <script>, <style>, <iframe> and the like, as on GitHub.
    let options = CMARK_OPT_UNSAFE | CMARK_OPT_GITHUB_PRE_LANG
    guard let parser = cmark_parser_new(options) else { return "<pre>\(Markup.escape(markdown))</pre>" }
    defer { cmark_parser_free(parser) }
    for name in Self.extensionNames {
      if let syntax = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntax) }
    }
    source.withCString { pointer in cmark_parser_feed(parser, pointer, strlen(pointer)) }
    guard let document = cmark_parser_finish(parser) else { return "<pre>\(Markup.escape(markdown))</pre>" }
    defer { cmark_node_free(document) }

    var links: [OpaquePointer] = []
    var codeBlocks: [OpaquePointer] = []
    var headings: [OpaquePointer] = []
    if let iterator = cmark_iter_new(document) {
      while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
        guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator)
        else { continue }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_LINK: links.append(node)
        case CMARK_NODE_CODE_BLOCK: codeBlocks.append(node)
        case CMARK_NODE_HEADING: headings.append(node)
        default: break
        }
      }
      cmark_iter_free(iterator)
    }
    for link in links {
      guard let url = cmark_node_get_url(link).map({ String(cString: $0) }), let rewritten = rewriteLink(url) else {
        continue
      }
      cmark_node_set_url(link, rewritten)
    }
    for heading in headings {
      let line = Int(cmark_node_get_start_line(heading))
      insert(html: "<a id=\"L\(line)\"></a>", before: heading)
      if let extra = insertions[line] { insert(html: extra, after: heading) }
    }
    for block in codeBlocks {
      let line = Int(cmark_node_get_start_line(block))
      if let extra = insertions[line] { insert(html: extra, after: block) }
      guard let outcome = blocks[line] else { continue }
      let info = cmark_node_get_fence_info(block).map { String(cString: $0) } ?? ""
      insert(html: Self.opening(outcome, info: info), before: block)
      insert(html: Self.closing(outcome), after: block)
    }
    guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
      return "<pre>\(Markup.escape(markdown))</pre>"
    }
    defer { free(html) }
    return String(cString: html)
  }

  private func insert(html: String, before node: OpaquePointer) {
    guard let block = Self.htmlBlock(html) else { return }
    if cmark_node_insert_before(node, block) == 0 { cmark_node_free(block) }
  }

  private func insert(html: String, after node: OpaquePointer) {
    guard let block = Self.htmlBlock(html) else { return }
    if cmark_node_insert_after(node, block) == 0 { cmark_node_free(block) }
  }

  private static func htmlBlock(_ html: String) -> OpaquePointer? {
    guard let node = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { return nil }
    cmark_node_set_literal(node, html + "\n")
    return node
  }

  /// The wrapper's opening: a div with the status class and the badge.
  static func opening(_ outcome: SiteBlock, info: String = "") -> String {
    let kind = info.trimmingCharacters(in: .whitespaces)
    let label = kind.isEmpty ? "" : "<code>\(Markup.escape(kind))</code> · "
    return "<div class=\"block status-\(outcome.status.cssName)\" id=\"block-L\(outcome.line)\">"
      + "<p class=\"badge status-\(outcome.status.cssName)\">\(Markup.escape(outcome.status.badge))"
      + " <span class=\"where\">\(label)line \(outcome.line)</span></p>"
  }

  /// The wrapper's closing: message, expected-versus-actual diff on failure, and the closing tag.
  static func closing(_ outcome: SiteBlock) -> String {
    var html = ""
    if let message = outcome.message, !message.isEmpty {
      html += "<p class=\"message\">\(Markup.escape(message))</p>"
    }
    if let diff = outcome.diff, !diff.isEmpty {
      html += LineDiff.html(unified: diff)
    } else if outcome.expected != nil || outcome.actual != nil {
      html += LineDiff.html(expected: outcome.expected ?? "", actual: outcome.actual ?? "")
    }
    return html + "</div>"
  }

  /// Replaces a leading `---` ... `---` YAML block with empty lines so line numbers still match.
  static func blankingFrontMatter(_ markdown: String) -> String {
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.first.map({ $0.trimmingCharacters(in: .whitespaces) == "---" }) == true else { return markdown }
    guard let end = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" })
    else { return markdown }
    return (Array(repeating: "", count: end + 1) + lines[(end + 1)...].map(String.init)).joined(separator: "\n")
  }
}
