/// A line chart of values over stored runs as a standalone SVG: x = run (labelled by date and
/// commit), one polyline with markers per series, a legend.
struct LineChartSVG {
  struct Series {
    var name: String
    /// One value per run, `nil` where the run did not measure it.
    var values: [Double?]
  }

  var title: String
  var unit: String
  var runs: [String]
  var series: [Series]

  func render() -> String {
    let left = 64.0
    let top = 56.0 + 16 * Double((series.count + 2) / 3)
    let plotHeight = 200.0
    let step = runs.count > 1 ? max(60, 640 / Double(runs.count - 1)) : 60
    let width = max(left + Double(max(runs.count - 1, 0)) * step + 80, left + Markup.width(title, size: 12) + 24, 420)
    let height = top + plotHeight + 64
    let maxValue = max(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 1, 1e-12)
    let scaleMax = ChartAxis.niceCeiling(maxValue * 1.1)
    func x(_ index: Int) -> Double { left + 24 + Double(index) * step }
    func y(_ value: Double) -> Double { top + plotHeight - value / scaleMax * plotHeight }

    var svg = ChartAxis.header(width: width, height: height, title: title)
    svg += "<text x=\"\(Markup.coordinate(left))\" y=\"18\" font-weight=\"bold\">\(Markup.escape(title))</text>\n"
    for (s, item) in series.enumerated() {
      let lx = left + Double(s % 3) * 200
      let ly = 36 + Double(s / 3) * 16
      let color = BarChartSVG.palette[s % BarChartSVG.palette.count]
      svg +=
        "<line x1=\"\(Markup.coordinate(lx))\" y1=\"\(Markup.coordinate(ly - 4))\" x2=\"\(Markup.coordinate(lx + 14))\" "
        + "y2=\"\(Markup.coordinate(ly - 4))\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
      svg +=
        "<text x=\"\(Markup.coordinate(lx + 18))\" y=\"\(Markup.coordinate(ly))\">\(Markup.escape(item.name))</text>\n"
    }
    svg += ChartAxis.yAxis(left: left, right: width - 16, top: top, height: plotHeight, max: scaleMax, unit: unit)
    for (index, run) in runs.enumerated() {
      svg +=
        "<text x=\"\(Markup.coordinate(x(index)))\" y=\"\(Markup.coordinate(top + plotHeight + 18))\" "
        + "text-anchor=\"middle\" font-size=\"10\">\(Markup.escape(run))</text>\n"
    }
    for (s, item) in series.enumerated() {
      let color = BarChartSVG.palette[s % BarChartSVG.palette.count]
      let points = item.values.enumerated().compactMap { index, value -> String? in
        guard let value, value.isFinite else { return nil }
        return "\(Markup.coordinate(x(index))),\(Markup.coordinate(y(value)))"
      }
      if points.count > 1 {
        svg += "<polyline stroke=\"\(color)\" points=\"\(points.joined(separator: " "))\"/>\n"
      }
      for (index, value) in item.values.enumerated() {
        guard let value, value.isFinite else { continue }
        svg +=
          "<circle cx=\"\(Markup.coordinate(x(index)))\" cy=\"\(Markup.coordinate(y(value)))\" r=\"3\" fill=\"\(color)\">"
          + "<title>\(Markup.escape("\(item.name) \(runs[index]): \(ChartAxis.label(value)) \(unit)"))</title></circle>\n"
      }
    }
    svg += "</svg>\n"
    return svg
  }
}
