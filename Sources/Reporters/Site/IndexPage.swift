import RunResults

/// The site's front page: totals, one row per suite with counts, time and tags, and every
/// scenario with its outcome and a link to its place in the spec.
enum IndexPage {
  static func render(_ document: SiteDocument) -> String {
    let totals = SpecCounts(specs: document.specs)
    let time = document.specs.reduce(0) { $0 + $1.time }
    var body = "<h1>\(Markup.escape(document.title))</h1>\n"
    body += "<ul class=\"summary\">"
    body += "<li class=\"status-\(totals.status.cssName)\"><strong>\(Markup.escape(totals.status.badge))</strong></li>"
    body += "<li>\(document.specs.count) specs</li><li>\(totals.total) scenarios</li>"
    body += "<li class=\"status-pass\">\(totals.passed) passed</li>"
    body += "<li class=\"status-fail\">\(totals.failed) failed</li>"
    body += "<li class=\"status-error\">\(totals.errors) errors</li>"
    body += "<li class=\"status-skipped\">\(totals.skipped) skipped</li>"
    body += "<li>\(PageLayout.seconds(time))</li></ul>\n"

    body += "<h2>Suites</h2>\n"
    let rows = document.specs.map { spec -> [String] in
      let counts = SpecCounts(spec.cases)
      let status: ResultCode? = spec.problem != nil ? .error : counts.status
      let link =
        "<a href=\"\(Markup.escape(SitePaths.page(for: spec.relativePath)))\">\(Markup.escape(title(of: spec)))</a>"
      return [
        "<span class=\"status-\(status.cssName)\">\(Markup.escape(status.badge))</span>",
        link + "<br><code class=\"hide-narrow\">\(Markup.escape(spec.displayPath))</code>",
        "\(counts.total)", "\(counts.passed)", "\(counts.failed)", "\(counts.errors)", "\(counts.skipped)",
        PageLayout.seconds(spec.time), PageLayout.tags(spec.tags),
      ]
    }
    body += PageLayout.table(
      head: ["Status", "Suite", "Scenarios", "Pass", "Fail", "Error", "Skip", "Time", "Tags"], rows: rows,
      numeric: [2, 3, 4, 5, 6, 7], hiddenWhenNarrow: [5, 6, 8])

    body += "<h2>Scenarios</h2>\n"
    for spec in document.specs {
      let page = SitePaths.page(for: spec.relativePath)
      body += "<h3><a href=\"\(Markup.escape(page))\">\(Markup.escape(title(of: spec)))</a></h3>\n"
      if let problem = spec.problem { body += "<p class=\"problem\">\(Markup.escape(problem))</p>\n" }
      guard !spec.cases.isEmpty else {
        if spec.problem == nil { body += "<p>No scenarios.</p>\n" }
        continue
      }
      body += "<ul>\n"
      for item in spec.cases {
        let anchor = item.line.map { "#L\($0)" } ?? ""
        body += "<li><span class=\"status-\(item.status.cssName)\">\(Markup.escape(item.status.badge))</span> "
        body += "<a href=\"\(Markup.escape(page + anchor))\">\(Markup.escape(item.name))</a> "
        body += "<span class=\"hide-narrow\">(\(PageLayout.seconds(item.time)))</span>"
        if let message = item.message, item.status.isFailure { body += "<br><small>\(Markup.escape(message))</small>" }
        body += "</li>\n"
      }
      body += "</ul>\n"
    }
    return PageLayout.page(
      title: document.title, root: "", hasBench: document.bench != nil, generated: document.generated, body: body)
  }

  /// The spec's title, its first `#` heading, or its file name.
  static func title(of spec: SiteSpec) -> String {
    if let title = spec.title, !title.isEmpty { return title }
    for line in spec.markdown.split(separator: "\n") where line.hasPrefix("# ") {
      return line.dropFirst(2).trimmingCharacters(in: .whitespaces)
    }
    return spec.relativePath
  }
}
