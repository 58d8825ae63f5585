import BenchRegression
import Foundation
import LoRABenchmarks
import Testing

@Suite("Bench measurement: report schema, goals, table")
struct MeasurementTests {
  let fingerprint = BenchFingerprint(
    cpu: "Test CPU", cores: 2, os: "Linux", swift: "Swift 6.3", configuration: "release", commit: "abc",
    hostname: "h", kernelISA: "avx2-fma")

  func row(_ kernel: String, m: Int, r: Int? = nil, ms: [Double], gflops: Double? = nil) -> BenchResult {
    BenchResult(kernel: kernel, m: m, n: 4096, k: 4096, r: r, samplesMs: ms, gflops: gflops)
  }

  @Test("a report encodes with the lora-spec-bench/1 keys and decodes back unchanged")
  func schemaRoundTrip() throws {
    let report = BenchReport(
      date: "2026-11-30T05:00:00Z", fingerprint: fingerprint,
      results: [
        row("gemm", m: 16, ms: [3, 1, 2], gflops: 150),
        BenchResult(kernel: "plan", model: "llama-3-70b", samplesMs: [4]),
      ])
    let data = try JSONEncoder().encode(report)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["schema"] as? String == "lora-spec-bench/1")
    let fp = try #require(object["fingerprint"] as? [String: Any])
    #expect(Set(fp.keys) == ["cpu", "cores", "os", "swift", "configuration", "commit", "hostname", "kernel_isa"])
    let results = try #require(object["results"] as? [[String: Any]])
    #expect(results[0]["median_ms"] as? Double == 2)
    #expect(results[0]["samples_ms"] as? [Double] == [3, 1, 2])
    #expect(results[1]["model"] as? String == "llama-3-70b")
    #expect(try JSONDecoder().decode(BenchReport.self, from: data) == report)
  }

  @Test("a peer file without optional keys decodes (r, model, note, gflops absent)")
  func peerDecodes() throws {
    let json = """
      {"schema": "lora-spec-bench/1", "date": "d", "fingerprint": {"cpu": "c", "cores": 2, "os": "o",
       "swift": "Python", "configuration": "python", "commit": "", "hostname": "h", "kernel_isa": "torch"},
       "results": [{"kernel": "torch-linear", "m": 1, "n": 8, "k": 8, "samples_ms": [1.5], "median_ms": 1.5}]}
      """
    let report = try JSONDecoder().decode(BenchReport.self, from: Data(json.utf8))
    #expect(report.results.first?.kernel == BenchKernel.torchLinear.rawValue)
    #expect(report.results.first?.r == nil)
  }

  @Test("a result's median is the samples' median, the mean of the middle two for an even count")
  func median() {
    #expect(BenchResult(kernel: "gemm", samplesMs: [4, 1, 3, 2]).medianMs == 2.5)
    #expect(BenchResult(kernel: "gemm", samplesMs: [5, 1, 3]).medianMs == 3)
    #expect(BenchResult(kernel: "gemm", samplesMs: []).medianMs == 0)
  }

  @Test("goals are ratios of rows from the same run, met or missed against their targets")
  func goals() throws {
    let results = [
      row("gemm", m: 128, ms: [10], gflops: 150), row("openblas-sgemm", m: 128, ms: [12]),
      row("reference-gemm", m: 128, ms: [400]), row("lora-fused", m: 128, r: 16, ms: [10.4]),
      row("lora-fused", m: 128, r: 64, ms: [11.5]), row("openblas-lora", m: 128, r: 16, ms: [13]),
    ]
    let goals = BenchGoal.evaluate(results, peakGFLOPS: 178)
    let blas = try #require(goals.first { $0.name == "gemm / openblas-sgemm throughput, M=128" })
    #expect(abs((blas.measured ?? 0) - 1.2) < 1e-9)
    #expect(blas.met == true)
    #expect(goals.first { $0.name == "gemm share of 178 GFLOP/s peak, M=128" }?.met == true)
    #expect(goals.first { $0.name == "gemm speed-up over reference-gemm, M=128" }?.met == false)
    #expect(goals.first { $0.name == "lora-fused r=16 time / gemm time, M=128" }?.met == true)
    #expect(goals.first { $0.name == "lora-fused r=64 time / gemm time, M=128" }?.met == false)
    #expect(goals.first { $0.name == "lora-fused / peft-unmerged time, r=16, M=128" }?.met == nil)
  }

  @Test("the table lists every kernel with its ratio to gemm and says when OpenBLAS is missing")
  func table() {
    let report = BenchReport(
      date: "d", fingerprint: fingerprint,
      results: [row("gemm", m: 16, ms: [2], gflops: 268), row("lora-fused", m: 16, r: 16, ms: [2.1])])
    let text = BenchTable.render(report, peakGFLOPS: 178, openBLASInstalled: false)
    #expect(text.contains("M = 16"))
    #expect(text.contains("1.050"))
    #expect(text.contains("not installed"))
    #expect(text.contains("Goals"))
  }

  @Test("without a given peak the share-of-peak goal divides by the shape's measured peak-fma row")
  func measuredPeak() {
    let peak = row("peak-fma", m: 128, ms: [1, 1.01], gflops: 200)
    let report = BenchReport(
      date: "d", fingerprint: fingerprint, results: [peak, row("gemm", m: 128, ms: [10, 10.1], gflops: 170)])
    let text = BenchTable.render(report, openBLASInstalled: false)
    #expect(text.contains("peak-fma"))
    #expect(text.contains("gemm share of 200 GFLOP/s peak, M=128"))
    #expect(BenchTable.render(report, peakGFLOPS: 178, openBLASInstalled: false).contains("share of 178 GFLOP/s"))
  }

  @Test("a row whose spread exceeds 10 % is flagged unsteady; a steady one is not")
  func unsteadyRows() {
    let report = BenchReport(
      date: "d", fingerprint: fingerprint,
      results: [row("gemm", m: 16, ms: [2, 2.1, 2.05]), row("lora-fused", m: 16, r: 16, ms: [2, 3, 2.1])])
    let lines = BenchTable.render(report, openBLASInstalled: false).split(separator: "\n")
    #expect(lines.first { $0.hasPrefix("gemm ") }?.contains("UNSTEADY") == false)
    #expect(lines.first { $0.hasPrefix("lora-fused ") }?.contains("UNSTEADY: spread over 10 %") == true)
  }
}
