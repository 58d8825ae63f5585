import BenchRegression
import RunResults

/// The benchmark page: the machine, GFLOP/s bars per GEMM shape (reference, accelerated, OpenBLAS),
/// LoRA-over-base time ratios, history line charts over stored runs, and every raw figure in a table.
enum BenchPage {
  static let gemmKernels = ["reference-gemm", "gemm", "openblas-sgemm", "openblas-sgemv"]
  static let loraRatios: [(name: String, numerator: String, denominator: String)] = [
    ("fused / base GEMM", "lora-fused", "gemm"),
    ("unfused / base GEMM", "lora-unfused", "gemm"),
    ("merged / base GEMM", "merged", "gemm"),
    ("OpenBLAS LoRA / OpenBLAS GEMM", "openblas-lora", "openblas-sgemm"),
  ]

  static func render(_ bench: SiteBench, document: SiteDocument) -> (html: String, images: [String: String]) {
    let latest = bench.latest
    var images: [String: String] = [:]
    var body = "<h1>Benchmarks</h1>\n"
    let print = latest.fingerprint
    body += "<p>Latest run \(Markup.escape(latest.date))"
    if !print.commit.isEmpty { body += " at commit <code>\(Markup.escape(String(print.commit.prefix(12))))</code>" }
    body += ".</p>\n"
    body += PageLayout.table(
      head: ["CPU", "Cores", "OS", "Compiler", "Build", "Kernels", "Host"],
      rows: [
        [print.cpu, "\(print.cores)", print.os, print.swift, print.configuration, print.kernelISA, print.hostname].map(
          Markup.escape)
      ])

    let gemmShapes = shapes(in: latest, kernels: gemmKernels)
    let present = gemmKernels.filter { kernel in latest.results.contains { $0.kernel == kernel } }
    if !gemmShapes.isEmpty, !present.isEmpty {
      let chart = BarChartSVG(
        title: "GEMM throughput per shape" + commonSuffix(gemmShapes), unit: "GFLOP/s", series: present,
        groups: gemmShapes.map { shape in
          BarChartSVG.Group(
            label: shortLabel(shape, gemmShapes),
            values: present.map { kernel in result(latest, kernel, shape).flatMap(gflops) })
        }, referenceLine: nil)
      images["bench-gemm.svg"] = chart.render()
      body += "<h2>GEMM throughput</h2>\n"
      body += figure("img/bench-gemm.svg", alt: "Bar chart: GFLOP/s of \(present.joined(separator: ", ")) per shape")
    }

    let loraShapes = shapes(in: latest, kernels: ["lora-fused", "lora-unfused", "merged", "openblas-lora"])
    let ratios = loraRatios.filter { ratio in latest.results.contains { $0.kernel == ratio.numerator } }
    if !loraShapes.isEmpty, !ratios.isEmpty {
      let chart = BarChartSVG(
        title: "LoRA time over the base GEMM" + commonSuffix(loraShapes) + ", lower is better",
        unit: "× base time", series: ratios.map(\.name),
        groups: loraShapes.map { shape in
          BarChartSVG.Group(
            label: shortLabel(shape, loraShapes),
            values: ratios.map { ratio in timeRatio(latest, ratio.numerator, ratio.denominator, shape) })
        }, referenceLine: 1)
      images["bench-lora.svg"] = chart.render()
      body += "<h2>LoRA over base</h2>\n"
      body += figure("img/bench-lora.svg", alt: "Bar chart: LoRA forward time over the base GEMM per shape and rank")
    }

    let history = bench.history.isEmpty ? [latest] : bench.history
    if history.count > 1 {
      body += "<h2>History of stored runs</h2>\n"
      let runs = history.map { run in
        String(run.date.prefix(10)) + (run.fingerprint.commit.isEmpty ? "" : " " + run.fingerprint.commit.prefix(7))
      }
      let ms = Set(history.flatMap { $0.results.filter { $0.kernel == "gemm" }.compactMap(\.m) }).sorted()
      let throughput = LineChartSVG(
        title: "Accelerated GEMM throughput over runs", unit: "GFLOP/s", runs: runs,
        series: ms.map { m in
          LineChartSVG.Series(
            name: "gemm m=\(m)",
            values: history.map { run in run.results.first { $0.kernel == "gemm" && $0.m == m }.flatMap(gflops) })
        })
      images["bench-history-gemm.svg"] = throughput.render()
      body += figure("img/bench-history-gemm.svg", alt: "Line chart: accelerated GEMM GFLOP/s per stored run")
      let fusedShapes = Set(history.flatMap { $0.results.filter { $0.kernel == "lora-fused" }.map(shape) }).sorted()
      if !fusedShapes.isEmpty {
        let ratioChart = LineChartSVG(
          title: "Fused LoRA over base GEMM over runs", unit: "× base time", runs: runs,
          series: fusedShapes.map { shape in
            LineChartSVG.Series(
              name: shape.label, values: history.map { timeRatio($0, "lora-fused", "gemm", shape) })
          })
        images["bench-history-lora.svg"] = ratioChart.render()
        body += figure("img/bench-history-lora.svg", alt: "Line chart: fused LoRA time over base GEMM per stored run")
      }
    }

    body += "<h2>All measurements</h2>\n"
    body += PageLayout.table(
      head: ["Kernel", "Shape", "Median (ms)", "GFLOP/s", "Samples", "Spread (min–max ms)", "Note"],
      rows: latest.results.map { result in
        let samples = result.samplesMs
        let spread =
          samples.isEmpty ? "" : "\(ChartAxis.label(samples.min() ?? 0))–\(ChartAxis.label(samples.max() ?? 0))"
        return [
          "<code>\(Markup.escape(result.kernel))</code>", Markup.escape(shape(result).label),
          ChartAxis.label(result.medianMs), gflops(result).map(ChartAxis.label) ?? "", "\(samples.count)", spread,
          Markup.escape(result.note ?? ""),
        ]
      }, numeric: [2, 3, 4])
    let html = PageLayout.page(
      title: "Benchmarks", root: "", hasBench: true, generated: document.generated, body: body)
    return (html, images)
  }

  /// ` (n=4096 k=4096)` when every shape has the same n and k, else empty.
  static func commonSuffix(_ shapes: [Shape]) -> String {
    guard let first = shapes.first, let n = first.n, let k = first.k, shapes.allSatisfy({ $0.n == n && $0.k == k })
    else { return "" }
    return " (n=\(n) k=\(k))"
  }

  /// `m=16 r=16` when n and k are common to all shapes (stated in the title), else the full label.
  static func shortLabel(_ shape: Shape, _ shapes: [Shape]) -> String {
    guard !commonSuffix(shapes).isEmpty else { return shape.label }
    return Shape(m: shape.m, n: nil, k: nil, r: shape.r).label
  }

  static func figure(_ src: String, alt: String) -> String {
    "<figure><img src=\"\(Markup.escape(src))\" alt=\"\(Markup.escape(alt))\"></figure>\n"
  }

  struct Shape: Hashable, Comparable {
    var m: Int?
    var n: Int?
    var k: Int?
    var r: Int?
    var label: String {
      [m.map { "m=\($0)" }, n.map { "n=\($0)" }, k.map { "k=\($0)" }, r.map { "r=\($0)" }].compactMap { $0 }
        .joined(separator: " ")
    }
    static func < (a: Shape, b: Shape) -> Bool {
      [a.r ?? -1, a.m ?? -1, a.n ?? -1, a.k ?? -1].lexicographicallyPrecedes([
        b.r ?? -1, b.m ?? -1, b.n ?? -1, b.k ?? -1,
      ])
    }
  }

  static func shape(_ result: BenchResult) -> Shape { Shape(m: result.m, n: result.n, k: result.k, r: result.r) }

  static func shapes(in report: BenchReport, kernels: [String]) -> [Shape] {
    Set(report.results.filter { kernels.contains($0.kernel) && $0.m != nil }.map(shape)).sorted()
  }

  static func result(_ report: BenchReport, _ kernel: String, _ shape: Shape) -> BenchResult? {
    report.results.first { $0.kernel == kernel && Self.shape($0) == shape && !$0.samplesMs.isEmpty }
  }

  /// The reported throughput, or 2·m·n·k over the median when the row has no figure and no note
  /// (a note such as "subsampled" means the flops are not those of the full shape).
  static func gflops(_ result: BenchResult) -> Double? {
    if let value = result.gflops { return value }
    guard result.note == nil, let m = result.m, let n = result.n, let k = result.k, result.medianMs > 0 else {
      return nil
    }
    return 2 * Double(m) * Double(n) * Double(k) / (result.medianMs * 1e6)
  }

  /// Median time of `numerator` on `shape` over the median time of `denominator` on the same shape
  /// (or the same shape without rank).
  static func timeRatio(_ report: BenchReport, _ numerator: String, _ denominator: String, _ shape: Shape) -> Double? {
    guard let top = result(report, numerator, shape) else { return nil }
    var base = shape
    let bottom =
      result(report, denominator, shape)
      ?? {
        base.r = nil
        return result(report, denominator, base)
      }()
    guard let bottom, bottom.medianMs > 0 else { return nil }
    return top.medianMs / bottom.medianMs
  }
}
