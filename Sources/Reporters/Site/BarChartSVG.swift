import Foundation

/// A grouped vertical bar chart as a standalone SVG: one group per category (a shape), one bar
/// per series (a kernel), values written above the bars, a legend, and an optional dashed
/// reference line (1.0 for ratios).
struct BarChartSVG {
  struct Group {
    var label: String
    /// One value per series, `nil` where the series was not measured.
    var values: [Double?]
  }

  var title: String
  var unit: String
  var series: [String]
  var groups: [Group]
  var referenceLine: Double?

  static let palette = ["#6b7280", "#2563eb", "#d97706", "#059669", "#7c3aed", "#db2777"]

  func render() -> String {
    let barWidth = 22.0
    let groupGap = 26.0
    let left = 64.0
    let top = 56.0
    let plotHeight = 220.0
    let longestLabel = groups.map { Markup.width($0.label, size: 12) }.max() ?? 0
    let groupWidth = max(Double(max(series.count, 1)) * barWidth + groupGap, longestLabel + 16)
    let legendWidth = series.reduce(0.0) { $0 + 32 + Markup.width($1, size: 12) }
    let width = max(
      left + Double(groups.count) * groupWidth + 24, left + Markup.width(title, size: 12) + 24, left + legendWidth + 16,
      420)
    let height = top + plotHeight + 64
    let maxValue = max(groups.flatMap { $0.values.compactMap { $0 } }.max() ?? 1, referenceLine ?? 0, 1e-12)
    let scaleMax = ChartAxis.niceCeiling(maxValue * 1.1)
    func y(_ value: Double) -> Double { top + plotHeight - value / scaleMax * plotHeight }

    var svg = ChartAxis.header(width: width, height: height, title: title)
    svg += "<text x=\"\(Markup.coordinate(left))\" y=\"18\" font-weight=\"bold\">\(Markup.escape(title))</text>\n"
    svg += legend(x: left, y: 34)
    svg += ChartAxis.yAxis(left: left, right: width - 16, top: top, height: plotHeight, max: scaleMax, unit: unit)
    for (g, group) in groups.enumerated() {
      let x0 = left + 12 + Double(g) * groupWidth + (groupWidth - groupGap - Double(series.count) * barWidth) / 2
      for (s, value) in group.values.enumerated() {
        let x = x0 + Double(s) * barWidth
        guard let value, value.isFinite else {
          svg +=
            "<text x=\"\(Markup.coordinate(x + barWidth / 2))\" y=\"\(Markup.coordinate(top + plotHeight - 4))\" "
            + "text-anchor=\"middle\" class=\"na\">–</text>\n"
          continue
        }
        let color = Self.palette[s % Self.palette.count]
        let barTop = y(max(value, 0))
        svg +=
          "<rect x=\"\(Markup.coordinate(x + 2))\" y=\"\(Markup.coordinate(barTop))\" "
          + "width=\"\(Markup.coordinate(barWidth - 4))\" height=\"\(Markup.coordinate(top + plotHeight - barTop))\" "
          + "fill=\"\(color)\"><title>\(Markup.escape("\(series[s]) \(group.label): \(ChartAxis.label(value)) \(unit)"))</title></rect>\n"
        svg +=
          "<text x=\"\(Markup.coordinate(x + barWidth / 2))\" y=\"\(Markup.coordinate(barTop - 3))\" "
          + "text-anchor=\"middle\" class=\"value\">\(Markup.escape(ChartAxis.label(value)))</text>\n"
      }
      svg +=
        "<text x=\"\(Markup.coordinate(x0 + Double(series.count) * barWidth / 2))\" "
        + "y=\"\(Markup.coordinate(top + plotHeight + 18))\" text-anchor=\"middle\">\(Markup.escape(group.label))</text>\n"
    }
    if let referenceLine {
      svg +=
        "<line class=\"reference\" x1=\"\(Markup.coordinate(left))\" y1=\"\(Markup.coordinate(y(referenceLine)))\" "
        + "x2=\"\(Markup.coordinate(width - 16))\" y2=\"\(Markup.coordinate(y(referenceLine)))\"/>\n"
    }
    svg += "</svg>\n"
    return svg
  }

  func legend(x: Double, y: Double) -> String {
    var svg = ""
    var cursor = x
    for (s, name) in series.enumerated() {
      svg +=
        "<rect x=\"\(Markup.coordinate(cursor))\" y=\"\(Markup.coordinate(y - 10))\" width=\"12\" height=\"12\" "
        + "fill=\"\(Self.palette[s % Self.palette.count])\"/>\n"
      svg +=
        "<text x=\"\(Markup.coordinate(cursor + 16))\" y=\"\(Markup.coordinate(y))\">\(Markup.escape(name))</text>\n"
      cursor += 16 + Markup.width(name, size: 12) + 16
    }
    return svg
  }
}

/// Axis helpers shared by the charts.
enum ChartAxis {
  /// The smallest 1, 2, 2.5 or 5 times a power of ten at or above `value`.
  static func niceCeiling(_ value: Double) -> Double {
    guard value > 0, value.isFinite else { return 1 }
    let magnitude = pow(10, floor(log10(value)))
    for step in [1.0, 2, 2.5, 5, 10] where step * magnitude >= value { return step * magnitude }
    return 10 * magnitude
  }

  /// A short number label: 3 significant digits.
  static func label(_ value: Double) -> String {
    if value == 0 { return "0" }
    if abs(value) >= 100 { return String(format: "%.0f", value) }
    if abs(value) >= 10 { return String(format: "%.1f", value) }
    return String(format: "%.2f", value)
  }

  static func header(width: Double, height: Double, title: String) -> String {
    """
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Markup.coordinate(width)) \(Markup.coordinate(height))" \
    width="\(Markup.coordinate(width))" height="\(Markup.coordinate(height))" role="img" font-family="sans-serif" \
    font-size="12">
    <title>\(Markup.escape(title))</title>
    <style>
    text { fill: #111827; }
    text.value { font-size: 10px; fill: #374151; }
    text.na { fill: #9ca3af; }
    line.grid { stroke: #e5e7eb; stroke-width: 1; }
    line.axis { stroke: #6b7280; stroke-width: 1; }
    line.reference { stroke: #b91c1c; stroke-width: 1.5; stroke-dasharray: 6 3; }
    polyline { fill: none; stroke-width: 2; }
    </style>

    """
  }

  /// Horizontal grid lines with labels at round values (4 or 5 steps up to `max`), and the unit.
  static func yAxis(left: Double, right: Double, top: Double, height: Double, max: Double, unit: String) -> String {
    var svg = ""
    let leading = max / pow(10, floor(log10(max)))
    let steps = abs(leading - 2.5) < 1e-9 || abs(leading - 5) < 1e-9 ? 5 : 4
    for i in 0...steps {
      let value = max * Double(i) / Double(steps)
      let y = top + height - height * Double(i) / Double(steps)
      svg +=
        "<line class=\"\(i == 0 ? "axis" : "grid")\" x1=\"\(Markup.coordinate(left))\" y1=\"\(Markup.coordinate(y))\" "
        + "x2=\"\(Markup.coordinate(right))\" y2=\"\(Markup.coordinate(y))\"/>\n"
      svg +=
        "<text x=\"\(Markup.coordinate(left - 6))\" y=\"\(Markup.coordinate(y + 4))\" text-anchor=\"end\">"
        + "\(Markup.escape(label(value)))</text>\n"
    }
    svg +=
      "<text x=\"12\" y=\"\(Markup.coordinate(top + height / 2))\" text-anchor=\"middle\" "
      + "transform=\"rotate(-90 12 \(Markup.coordinate(top + height / 2)))\">\(Markup.escape(unit))</text>\n"
    return svg
  }
}
