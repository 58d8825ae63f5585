import RunResults

/// One spec rendered: a header with its outcome, counts and tags; the Markdown as GitHub would
/// show it with each executable block marked; and the module-tree pictures.
enum SpecPage {
  /// The page and the SVG files it references (file name in `img/` -> SVG text).
  static func render(_ spec: SiteSpec, paths: SitePaths, document: SiteDocument) -> (
    html: String, images: [String: String]
  ) {
    let root = SitePaths.root(for: spec.relativePath)
    let slug = SitePaths.slug(spec.relativePath)
    var images: [String: String] = [:]
    var insertions: [Int: String] = [:]
    var trailing = ""
    for (index, tree) in spec.trees.enumerated() {
      let name = "\(slug)-tree-\(index + 1).svg"
      images[name] = TreeSVG.render(tree.tree)
      let figure = figureHTML(tree, src: "\(root)img/\(name)")
      if let line = tree.line {
        insertions[line, default: ""] += figure
      } else {
        trailing += figure
      }
    }
    let renderer = MarkdownRenderer(
      rewriteLink: { paths.rewrite($0, from: spec.relativePath) },
      blocks: Dictionary(spec.blocks.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first }),
      insertions: insertions)
    let counts = SpecCounts(spec.cases)
    let status: ResultCode? = spec.problem != nil ? .error : counts.status
    var body = "<div class=\"spec-meta\">"
    body += "<p><span class=\"badge status-\(status.cssName)\">\(Markup.escape(status.badge))</span> "
    body += "<code>\(Markup.escape(spec.displayPath))</code> · \(counts.total) scenarios: "
    body += "\(counts.passed) passed, \(counts.failed) failed, \(counts.errors) errors, \(counts.skipped) skipped · "
    body += "\(PageLayout.seconds(spec.time)) \(PageLayout.tags(spec.tags))</p>"
    if let problem = spec.problem { body += "<p class=\"problem\">\(Markup.escape(problem))</p>" }
    body += "</div>\n"
    body += "<article>\n" + renderer.render(spec.markdown) + "</article>\n"
    if !trailing.isEmpty { body += "<h2>Module trees</h2>\n" + trailing }
    let html = PageLayout.page(
      title: IndexPage.title(of: spec), root: root, hasBench: document.bench != nil, generated: document.generated,
      body: body)
    return (html, images)
  }

  /// The picture, its caption, and a text list of adapted modules for readers without images.
  static func figureHTML(_ tree: SiteTree, src: String) -> String {
    let modules = tree.tree.modules
    let adapted = modules.filter { $0.status == .adapted }
    let adaptedFrozen = modules.filter { $0.status == .adaptedFrozen }
    let frozen = modules.filter { $0.status == .frozen }
    let alt =
      "Module tree of \(tree.tree.title): \(adapted.count) adapted, \(adaptedFrozen.count) adapted but frozen, "
      + "\(frozen.count) frozen without adapter"
    var html = "<figure class=\"tree\"><img src=\"\(Markup.escape(src))\" alt=\"\(Markup.escape(alt))\">"
    html += "<figcaption>\(Markup.escape(tree.scenario)): \(Markup.escape(alt))"
    if let trainable = tree.tree.trainableParameters, let total = tree.tree.totalParameters {
      html += "; trainable \(Markup.grouped(trainable)) of \(Markup.grouped(total)) parameters"
    }
    html += ".</figcaption></figure>\n"
    if !adapted.isEmpty || !adaptedFrozen.isEmpty {
      html += "<details><summary>Adapted modules (\(adapted.count + adaptedFrozen.count))</summary><ul>\n"
      for module in adapted + adaptedFrozen {
        html += "<li><code>\(Markup.escape(module.path))</code> \(Markup.escape(module.type))"
        if module.frozen { html += " <strong>(base frozen before injection)</strong>" }
        html += "</li>\n"
      }
      html += "</ul></details>\n"
    }
    return html
  }
}
