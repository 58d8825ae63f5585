import BenchRegression
import Reporters
import Testing

@Suite("Benchmark verdicts in JUnit")
struct MetricComparisonJUnitTests {
  /// Twenty samples around `center`, spread by 1 % in a fixed pattern (deterministic).
  static func samples(_ center: Double, phase: Int = 0) -> [Double] {
    (0..<20).map { (i: Int) -> Double in
      let step: Double = Double(((i + phase) * 7) % 20) / 20 - 0.5
      return center * (1 + 0.01 * step) + Double(i) * 1e-9
    }
  }

  static func run(gemm: Double, fused: Double) -> MeasuredRun {
    let machine = MachineIdentity(
      cpu: "AMD EPYC", cores: 2, os: "Debian 12", swift: "6.3.1", configuration: "release", kernelISA: "avx2-fma",
      hostname: "a")
    return MeasuredRun(
      date: "2026-11-30T05:00:00Z", machine: machine, commit: "abc",
      measurements: [
        Measurement(kernel: "gemm", shape: BenchShape(m: 16, n: 4096, k: 4096), samplesMs: samples(gemm)),
        Measurement(
          kernel: "lora-fused", shape: BenchShape(m: 16, n: 4096, k: 4096, r: 16), samplesMs: samples(fused, phase: 4)),
      ])
  }

  @Test("A regressed metric gives JUnit properties with values and thresholds, and a failure message")
  func junit() throws {
    let result = try RegressionComparator(policy: RegressionPolicy(resamples: 500)).compare(
      baseline: Self.run(gemm: 10, fused: 11), current: Self.run(gemm: 10, fused: 13))
    let ratio = try #require(result.comparisons.first { $0.id.kind == .ratio })
    let properties = Dictionary(uniqueKeysWithValues: ratio.junitProperties.map { ($0.name, $0.value) })
    #expect(properties["bench.verdict"] == "regressed")
    #expect(properties["bench.noise_threshold"] == "0.05")
    #expect(properties["bench.ratio.lower"] != nil)
    #expect(ratio.junitFailureMessage?.contains("regressed") == true)
    let unchanged = try #require(result.comparisons.first { $0.verdict == .unchanged })
    #expect(unchanged.junitFailureMessage == nil)
  }
}
