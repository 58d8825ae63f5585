import Foundation
import Testing

@testable import BenchRegression

@Suite("Baseline store")
struct BaselineStoreTests {
  func report(date: String, commit: String, samples: [Double] = [1, 2, 3]) -> BenchReport {
    BenchReport(
      date: date,
      fingerprint: BenchFingerprint(
        cpu: "AMD EPYC", cores: 2, os: "Debian 12", swift: "6.3.1", configuration: "release", commit: commit,
        hostname: "h", kernelISA: "avx2-fma"),
      results: [BenchResult(kernel: "gemm", m: 16, n: 64, k: 64, samplesMs: samples)])
  }

  func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("baselines-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test("A saved run reads back with its raw samples, and history is ordered by date")
  func roundTripAndHistory() throws {
    let store = BaselineStore(directory: try temporaryDirectory())
    defer { try? FileManager.default.removeItem(at: store.directory) }
    let later = report(date: "2026-11-30T06:00:00Z", commit: "bbbbbbbbbbbb", samples: [4, 5])
    let earlier = report(date: "2026-11-29T06:00:00Z", commit: "aaaaaaaaaaaa")
    let file = try store.save(later)
    try store.save(earlier)
    #expect(file.lastPathComponent == "2026-11-30T06-00-00Z-bbbbbbbb.json")
    #expect(try BaselineStore.read(file) == later)
    try Data("not json".utf8).write(to: store.directory.appendingPathComponent("zz-broken.json"))
    let history = try store.history()
    #expect(history.runs.map(\.report.fingerprint.commit) == ["aaaaaaaaaaaa", "bbbbbbbbbbbb"])
    #expect(history.skipped.count == 1)
    #expect(history.skipped.first?.contains("zz-broken.json") == true)
  }

  @Test("A missing history directory is an empty history")
  func missingDirectory() throws {
    let store = BaselineStore(directory: URL(fileURLWithPath: "/nonexistent/\(UUID().uuidString)"))
    #expect(try store.history().runs.isEmpty)
  }

  @Test("A file with another schema is refused with its path and what to do")
  func wrongSchema() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var old = report(date: "2026-01-01T00:00:00Z", commit: "c")
    old.schema = "lora-spec-bench/0"
    let file = dir.appendingPathComponent("old.json")
    try BaselineStore.write(old, to: file)
    #expect(throws: BaselineError.unknownSchema(file.path, "lora-spec-bench/0")) { try BaselineStore.read(file) }
  }

  @Test("A report becomes a measured run with shapes and machine identity")
  func adapter() {
    let run = MeasuredRun(report: report(date: "d", commit: "c"))
    #expect(run.machine.kernelISA == "avx2-fma")
    #expect(run.measurements.first?.shape == BenchShape(m: 16, n: 64, k: 64))
    #expect(run.metrics().first?.id.benchmark == "gemm m=16 n=64 k=64")
  }
}
