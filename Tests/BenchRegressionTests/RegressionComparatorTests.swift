import Support
import Testing

@testable import BenchRegression

func machine(cpu: String = "AMD EPYC", host: String = "a") -> MachineIdentity {
  MachineIdentity(
    cpu: cpu, cores: 2, os: "Debian 12", swift: "6.3.1", configuration: "release", kernelISA: "avx2-fma",
    hostname: host)
}

func run(
  gemm: Double, fused: Double, machine: MachineIdentity = machine(), commit: String = "abc"
) -> MeasuredRun {
  let shape = BenchShape(m: 16, n: 4096, k: 4096)
  let lora = BenchShape(m: 16, n: 4096, k: 4096, r: 16)
  return MeasuredRun(
    date: "2026-11-30T05:00:00Z", machine: machine, commit: commit,
    measurements: [
      Measurement(kernel: "gemm", shape: shape, samplesMs: noisy(gemm)),
      Measurement(kernel: "lora-fused", shape: lora, samplesMs: noisy(fused, phase: 4)),
    ])
}

@Suite("Comparing runs")
struct RegressionComparatorTests {
  let comparator = RegressionComparator(policy: RegressionPolicy(resamples: 1000))

  @Test("A run yields absolute times and the fused/base ratio matched without rank")
  func metrics() throws {
    let metrics = run(gemm: 10, fused: 11).metrics()
    #expect(metrics.map(\.id.benchmark).contains("gemm m=16 n=4096 k=4096"))
    let ratio = try #require(metrics.first { $0.id.kind == .ratio })
    #expect(ratio.id.benchmark == "lora-fused/gemm m=16 n=4096 k=4096 r=16")
    #expect(abs((Descriptive.median(ratio.samples) ?? 0) - 1.1) < 0.01)
  }

  @Test("On another machine only ratios are compared")
  func otherMachineRatiosOnly() throws {
    let result = try comparator.compare(
      baseline: run(gemm: 10, fused: 11), current: run(gemm: 5, fused: 5.5, machine: machine(cpu: "Intel Xeon")))
    #expect(!result.sameMachine)
    #expect(result.machineDifferences == ["cpu"])
    #expect(result.comparisons.allSatisfy { $0.id.kind == .ratio })
    #expect(result.comparisons.count == 1)
    #expect(result.comparisons.first?.verdict == .unchanged)
  }

  @Test("On the same machine (another host name) absolute times are compared too")
  func sameMachine() throws {
    let result = try comparator.compare(
      baseline: run(gemm: 10, fused: 11), current: run(gemm: 12, fused: 13.2, machine: machine(host: "b")))
    #expect(result.sameMachine)
    #expect(result.count(.regressed) == 2)
    #expect(result.exitStatus(strict: false) == .regression)
    #expect(result.comparisons.first?.verdict == .regressed)
  }

  @Test("A flagged regression that does not reproduce on re-measurement does not count")
  func notConfirmed() throws {
    var asked: [MetricID] = []
    let result = try comparator.compare(baseline: run(gemm: 10, fused: 11), current: run(gemm: 10, fused: 13)) {
      series in
      asked.append(series.id)
      return noisy(1.1, phase: 9)  // Fresh interleaved ratio samples: back to normal.
    }
    #expect(asked.map(\.benchmark).contains("lora-fused/gemm m=16 n=4096 k=4096 r=16"))
    let ratio = try #require(result.comparisons.first { $0.id.kind == .ratio })
    #expect(ratio.judgement.verdict == .regressed)
    #expect(ratio.confirmation?.confirmed == false)
    #expect(ratio.verdict == .unchanged)
    #expect(ratio.finalJudgement.reason.contains("did not reproduce"))
  }

  @Test("A regression that reproduces stays a regression")
  func confirmed() throws {
    let result = try comparator.compare(baseline: run(gemm: 10, fused: 11), current: run(gemm: 10, fused: 13)) {
      series in series.id.kind == .ratio ? noisy(1.3, phase: 2) : nil
    }
    let ratio = try #require(result.comparisons.first { $0.id.kind == .ratio })
    #expect(ratio.confirmation?.confirmed == true)
    #expect(ratio.verdict == .regressed)
  }

  @Test("Per-benchmark policies override the default by the longest prefix")
  func overrides() {
    let loose = RegressionPolicy(noiseThreshold: 0.5)
    let c = RegressionComparator(overrides: ["lora-fused/": loose, "lora-fused/gemm": RegressionPolicy(alpha: 0.05)])
    #expect(c.policy(for: MetricID(benchmark: "lora-fused/gemm m=1", kind: .ratio)).alpha == 0.05)
    #expect(c.policy(for: MetricID(benchmark: "lora-fused/lora-unfused m=1", kind: .ratio)).noiseThreshold == 0.5)
    #expect(c.policy(for: MetricID(benchmark: "gemm m=1", kind: .absoluteTime)) == .default)
  }

  @Test("Metrics on one side only are listed as unmatched")
  func unmatched() throws {
    var current = run(gemm: 10, fused: 11)
    current.measurements.append(
      Measurement(kernel: "merged", shape: BenchShape(m: 1, n: 8, k: 8, r: 4), samplesMs: noisy(1)))
    let result = try comparator.compare(baseline: run(gemm: 10, fused: 11), current: current)
    #expect(result.unmatched.map(\.benchmark) == ["merged m=1 n=8 k=8 r=4"])
  }
}
