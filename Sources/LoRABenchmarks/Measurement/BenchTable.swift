import BenchRegression
import Foundation

/// The terminal table of a bench run: per M, every kernel's median, spread, throughput and time
/// relative to the accelerated GEMM; then planning rows and the goals.
public enum BenchTable {
  /// Renders `report` (peer rows included) as plain text. The share-of-peak goals divide by
  /// `peakGFLOPS` when given, otherwise by each shape's measured `peak-fma` row.
  public static func render(_ report: BenchReport, peakGFLOPS: Double? = nil, openBLASInstalled: Bool) -> String {
    let fp = report.fingerprint
    var lines: [String] = [
      "lora-spec bench  \(report.date)",
      "\(fp.cpu), \(fp.cores) cores, \(fp.os)",
      "\(fp.swift) \(fp.configuration), kernels \(fp.kernelISA), commit \(fp.commit.isEmpty ? "unknown" : fp.commit)",
      "",
    ]
    let lookup = ResultLookup(report.results)
    let shapes = Array(Set(report.results.compactMap { $0.m })).sorted()
    for m in shapes {
      let rows = report.results.filter { $0.m == m && $0.kernel != BenchKernel.plan.rawValue }
      let shaped = rows.first { $0.n != nil }
      let n = shaped?.n ?? 0, k = shaped?.k ?? 0
      lines.append("M = \(m)  (N = \(n), K = \(k))")
      lines.append(header)
      let gemm = lookup.median("gemm", m: m)
      for row in rows { lines.append(line(row, base: gemm)) }
      if !openBLASInstalled { lines.append(pad("openblas-*", 16) + "  not installed") }
      lines.append("")
    }
    let plans = report.results.filter { $0.kernel == "plan" }
    lines.append("Planning (all-linear)")
    if plans.isEmpty {
      lines.append("  not measured: no planning workload is wired into this build")
    }
    for plan in plans {
      let spread = spreadText(plan)
      lines.append(
        "  " + pad(plan.model ?? "?", 14)
          + (plan.samplesMs.isEmpty
            ? "  " + (plan.note ?? "")
            : String(format: " %10.3f ms  ", plan.medianMs) + spread))
    }
    lines.append("")
    lines.append("Goals (ratios from this run)")
    for goal in BenchGoal.evaluate(report.results, peakGFLOPS: peakGFLOPS) {
      let measured = goal.measured.map { String(format: "%.3f", $0) } ?? "n/a"
      let verdict = goal.met.map { $0 ? "met" : "MISSED" } ?? "not measured"
      lines.append(
        "  " + pad(goal.name, 52) + " " + pad(goal.direction.rawValue + " " + String(format: "%.2f", goal.target), 8)
          + "  " + pad(measured, 9) + " " + verdict)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static let header =
    pad("kernel", 16) + " " + pad("r", 3) + " " + lpad("median ms", 11) + " " + lpad("spread", 8) + " "
    + lpad("GFLOP/s", 8) + " " + lpad("x gemm", 9) + "  note"

  static func line(_ row: BenchResult, base: Double?) -> String {
    let ratio = base.flatMap { $0 > 0 && row.medianMs > 0 ? row.medianMs / $0 : nil }
    return pad(row.kernel, 16) + " " + pad(row.r.map(String.init) ?? "-", 3) + " "
      + lpad(String(format: "%.3f", row.medianMs), 11) + " " + lpad(spreadText(row), 8) + " "
      + lpad(row.gflops.map { String(format: "%.1f", $0) } ?? "-", 8) + " "
      + lpad(ratio.map { String(format: "%.3f", $0) } ?? "-", 9) + "  "
      + [unsteady(row) ? "UNSTEADY: spread over 10 %" : nil, row.note].compactMap { $0 }.joined(separator: "; ")
  }

  /// Whether a row's spread (half the min-max range over the median) exceeds 10 %: its median
  /// is not to be trusted for a regression verdict.
  static func unsteady(_ row: BenchResult) -> Bool {
    SampleSpread.unsteady(row.samplesMs, median: row.medianMs)
  }

  /// Half the min-max range relative to the median, e.g. `±3.1%` (`n=1` for a single sample).
  static func spreadText(_ row: BenchResult) -> String {
    guard let spread = SampleSpread.of(row.samplesMs, median: row.medianMs) else { return "n=\(row.samplesMs.count)" }
    return String(format: "±%.1f%%", spread * 100)
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  static func lpad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }
}
