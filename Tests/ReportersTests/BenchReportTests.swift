import BenchRegression
import Foundation
import Support
import Testing

@testable import Reporters

@Suite("Benchmark comparison reports")
struct BenchReportTests {
  @Test("The terminal table lists each metric with ratio, interval, p-value and verdict, worst first")
  func terminal() throws {
    let text = TerminalComparisonReport.render(try BenchFixtures.comparison())
    let lines = text.split(separator: "\n").map(String.init)
    let header = try #require(lines.first { $0.hasPrefix("verdict") })
    #expect(header.contains("ratio") && header.contains("95% CI") && header.contains("p"))
    let firstRow = try #require(lines.firstIndex(of: header)).advanced(by: 2)
    #expect(lines[firstRow].hasPrefix("regressed"))
    #expect(text.contains("gemm m=16 n=4096 k=4096"))
    #expect(text.contains("1.200"))
    #expect(text.contains("regressed: gemm m=16 n=4096 k=4096: p ="))
    #expect(lines.last?.contains("regressed") == true)
  }

  @Test("Markdown puts changes in a table and collapses unchanged rows")
  func markdown() throws {
    let comparison = try BenchFixtures.comparison()
    let text = MarkdownComparisonReport.render(comparison)
    #expect(text.hasPrefix("### Benchmark regression"))
    #expect(text.contains("| 🔴 regressed | gemm m=16 n=4096 k=4096 |"))
    #expect(text.contains("<details><summary>\(comparison.count(.unchanged)) unchanged</summary>"))
    #expect(comparison.count(.unchanged) > 0)
    #expect(text.contains("`11111111`"))
  }

  @Test("Markdown escapes table-breaking characters")
  func markdownEscape() {
    #expect(MarkdownComparisonReport.escape("a|b<c>\nd") == "a\\|b&lt;c&gt; d")
  }

  @Test("JSON carries the schema, verdicts, reasons, policy and raw samples")
  func json() throws {
    let comparison = try BenchFixtures.comparison()
    let data = try JSONComparisonReport.render(comparison)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["schema"] as? String == "lora-spec-bench-comparison/1")
    #expect(object["exit_code"] as? Int == 2)
    let entries = try #require(object["comparisons"] as? [[String: Any]])
    let gemm = try #require(entries.first { $0["benchmark"] as? String == "gemm m=16 n=4096 k=4096" })
    #expect(gemm["verdict"] as? String == "regressed")
    #expect((gemm["current_samples"] as? [Double])?.count == 20)
    #expect((gemm["baseline_samples"] as? [Double])?.first == spread(10).first)
    let policy = try #require(gemm["policy"] as? [String: Any])
    #expect(policy["alpha"] as? Double == 0.01)
    let summary = try #require(object["summary"] as? [String: Int])
    #expect(summary["regressed"] == comparison.count(.regressed))
  }

  @Test("Bencher Metric Format has latency in nanoseconds with quartile bounds, and ratios")
  func bencher() throws {
    let run = BenchFixtures.run(gemm: 10, fused: 10.5, openblas: 12, commit: "c")
    let data = try BencherMetricFormat.render(run)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: [String: Double]]])
    let latency = try #require(object["gemm m=16 n=4096 k=4096"]?["latency"])
    let samples = spread(10)
    #expect(abs((latency["value"] ?? 0) - (Descriptive.median(samples) ?? 0) * 1e6) < 1e-3)
    #expect(abs((latency["lower_value"] ?? 0) - (Descriptive.quantile(samples, 0.25) ?? 0) * 1e6) < 1e-3)
    #expect((latency["upper_value"] ?? 0) > (latency["value"] ?? 0))
    let ratio = try #require(object["lora-fused/gemm m=16 n=4096 k=4096 r=16"]?["ratio"])
    #expect(abs((ratio["value"] ?? 0) - 1.05) < 0.01)
  }
}

@Suite("Writing benchmark reports")
struct BenchReportWriterTests {
  @Test("Markdown, JSON, BMF files are written and the step summary is appended to")
  func writes() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let summary = dir.appendingPathComponent("summary.md").path
    try Data("# Earlier step\n".utf8).write(to: URL(fileURLWithPath: summary))
    let current = SiteFixtures.benchReport(date: "2026-11-30T05:00:00Z", commit: "c", scale: 1)
    let table = try BenchReportWriter.write(
      try BenchFixtures.comparison(), current: current,
      to: .init(
        markdown: dir.appendingPathComponent("out/compare.md").path,
        json: dir.appendingPathComponent("compare.json").path,
        bencher: dir.appendingPathComponent("bmf.json").path, stepSummary: summary))
    #expect(table.contains("verdict"))
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/compare.md").path))
    let bmf = try Data(contentsOf: dir.appendingPathComponent("bmf.json"))
    let object = try #require(try JSONSerialization.jsonObject(with: bmf) as? [String: Any])
    #expect(object["gemm m=16 n=4096 k=4096"] != nil)
    let appended = try String(contentsOfFile: summary, encoding: .utf8)
    #expect(appended.hasPrefix("# Earlier step\n### Benchmark regression"))
  }
}
