/// Draws a grouped module tree as a standalone SVG: one row per module, indented like a file
/// tree, each box styled (and tagged in text) as adapted, adapted-but-frozen, frozen or not adapted,
/// with the trainable / total parameter counts beside it and a legend on top.
public enum TreeSVG {
  static let rowHeight = 24.0
  static let indent = 18.0
  static let fontSize = 12.0
  static let legendHeight = 56.0

  /// The SVG document for `view`.
  public static func render(_ view: TreeView) -> String {
    let root = TreeGrouping.build(view)
    var rows: [(depth: Int, node: TreeNode, isLast: Bool, ancestorsLast: [Bool])] = []
    func walk(_ node: TreeNode, depth: Int, isLast: Bool, ancestorsLast: [Bool]) {
      rows.append((depth, node, isLast, ancestorsLast))
      for (i, child) in node.children.enumerated() {
        walk(
          child, depth: depth + 1, isLast: i == node.children.count - 1,
          ancestorsLast: ancestorsLast + [isLast])
      }
    }
    walk(root, depth: 0, isLast: true, ancestorsLast: [])

    let labels = rows.map { label(for: $0.node) }
    let labelRight =
      zip(rows, labels).map { row, text in
        8 + Double(row.depth) * indent + Markup.width(text, size: fontSize) + 16
      }.max() ?? 200
    let countsX = max(labelRight + 16, 260)
    let countTexts = rows.map { counts(for: $0.node) }
    let countsWidth = countTexts.map { Markup.width($0, size: fontSize) }.max() ?? 0
    let legendWidth = TreeModuleStatus.allCases.reduce(8.0) { total, status in
      total + 28 + Markup.width(legendText(status), size: fontSize) + 18
    }
    let width = max(countsX + countsWidth + 16, legendWidth)
    let height = legendHeight + Double(rows.count) * rowHeight + 12

    var svg = header(width: width, height: height, title: "Module tree of \(view.title)")
    svg += legend(view)
    for (index, row) in rows.enumerated() {
      let y = legendHeight + Double(index) * rowHeight
      let x = 8 + Double(row.depth) * indent
      // Connector lines.
      if row.depth > 0 {
        let parentX = x - indent + 6
        let midY = y + rowHeight / 2
        svg += line(parentX, y, parentX, row.isLast ? midY : y + rowHeight)
        svg += line(parentX, midY, x - 2, midY)
        for (level, last) in row.ancestorsLast.enumerated().dropFirst() where !last {
          let ax = 8 + Double(level - 1) * indent + 6
          svg += line(ax, y, ax, y + rowHeight)
        }
      }
      let text = labels[index]
      let boxWidth = Markup.width(text, size: fontSize) + 12
      let node = row.node
      let isModule = !node.type.isEmpty
      if isModule, node.children.isEmpty || node.status != .plain {
        svg +=
          "<rect class=\"\(node.status.rawValue)\" x=\"\(Markup.coordinate(x))\" y=\"\(Markup.coordinate(y + 3))\" "
          + "width=\"\(Markup.coordinate(boxWidth))\" height=\"\(Markup.coordinate(rowHeight - 6))\" rx=\"3\"/>\n"
      }
      let weight = node.children.isEmpty ? "" : " font-weight=\"bold\""
      svg +=
        "<text x=\"\(Markup.coordinate(x + 6))\" y=\"\(Markup.coordinate(y + rowHeight / 2 + 4))\"\(weight)>"
        + "\(Markup.escape(text))</text>\n"
      if !countTexts[index].isEmpty {
        svg +=
          "<text class=\"count\" x=\"\(Markup.coordinate(countsX))\" y=\"\(Markup.coordinate(y + rowHeight / 2 + 4))\">"
          + "\(Markup.escape(countTexts[index]))</text>\n"
      }
    }
    svg += "</svg>\n"
    return svg
  }

  /// `q_proj: Linear [LoRA]`, `0–31 ×32: LlamaDecoderLayer`.
  static func label(for node: TreeNode) -> String {
    var text = node.name
    if node.count > 1 { text += " ×\(node.count)" }
    if !node.type.isEmpty { text += ": \(node.type)" }
    if !node.status.tag.isEmpty { text += " [\(node.status.tag)]" }
    return text
  }

  /// `trainable 8,192 / 16,785,408` (per copy for groups), or adapter counts for containers.
  static func counts(for node: TreeNode) -> String {
    guard node.total > 0 || node.trainable > 0 else { return "" }
    var text = "trainable \(Markup.grouped(node.trainable)) / \(Markup.grouped(node.total))"
    if node.count > 1 { text += " each" }
    if !node.children.isEmpty {
      let statuses = node.statusCounts()
      let adapted = (statuses[.adapted] ?? 0) + (statuses[.adaptedFrozen] ?? 0)
      if adapted > 0 { text += " · \(adapted) adapted" }
      if let frozenAdapted = statuses[.adaptedFrozen], frozenAdapted > 0 { text += " (\(frozenAdapted) frozen)" }
    }
    return text
  }

  static func header(width: Double, height: Double, title: String) -> String {
    """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Markup.coordinate(width)) \(Markup.coordinate(height))" \
    width="\(Markup.coordinate(width))" height="\(Markup.coordinate(height))" role="img" font-family="sans-serif" \
    font-size="\(Markup.coordinate(fontSize))">
    <title>\(Markup.escape(title))</title>
    <style>
    rect.adapted { fill: #dcfce7; stroke: #15803d; stroke-width: 1.5; }
    rect.adapted-frozen { fill: #fee2e2; stroke: #b91c1c; stroke-width: 2; stroke-dasharray: 5 2; }
    rect.frozen { fill: #e5e7eb; stroke: #6b7280; stroke-width: 1; stroke-dasharray: 2 2; }
    rect.plain { fill: #ffffff; stroke: #9ca3af; stroke-width: 1; }
    line { stroke: #9ca3af; stroke-width: 1; }
    text { fill: #111827; }
    text.count { fill: #374151; }
    </style>

    """
  }

  static func legend(_ view: TreeView) -> String {
    var svg = ""
    var x = 8.0
    for status in TreeModuleStatus.allCases {
      svg +=
        "<rect class=\"\(status.rawValue)\" x=\"\(Markup.coordinate(x))\" y=\"8\" width=\"22\" height=\"14\" rx=\"3\"/>\n"
      let text = legendText(status)
      svg += "<text x=\"\(Markup.coordinate(x + 28))\" y=\"19\">\(Markup.escape(text))</text>\n"
      x += 28 + Markup.width(text, size: fontSize) + 18
    }
    if let trainable = view.trainableParameters, let total = view.totalParameters {
      let percent = total > 0 ? Double(trainable) / Double(total) * 100 : 0
      let figure = (percent * 10_000).rounded() / 10_000
      svg +=
        "<text x=\"8\" y=\"42\">trainable params: \(Markup.grouped(trainable)) || all params: "
        + "\(Markup.grouped(total)) || trainable%: \(figure)</text>\n"
    }
    return svg
  }

  static func legendText(_ status: TreeModuleStatus) -> String {
    status.tag.isEmpty ? status.label : "\(status.label) [\(status.tag)]"
  }

  static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> String {
    "<line x1=\"\(Markup.coordinate(x1))\" y1=\"\(Markup.coordinate(y1))\" x2=\"\(Markup.coordinate(x2))\" "
      + "y2=\"\(Markup.coordinate(y2))\"/>\n"
  }
}
