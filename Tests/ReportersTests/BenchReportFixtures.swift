import BenchRegression

/// Deterministic samples around `center` with 1 % spread and no ties.
func spread(_ center: Double, count: Int = 20, phase: Int = 0) -> [Double] {
  (0..<count).map { i in center * (1 + 0.01 * (Double(((i + phase) * 7) % count) / Double(count) - 0.5)) }
}

enum BenchFixtures {
  static let machine = MachineIdentity(
    cpu: "AMD EPYC 9R14", cores: 2, os: "Debian 12", swift: "6.3.1", configuration: "release",
    kernelISA: "avx2-fma", hostname: "ci-1")

  static func run(gemm: Double, fused: Double, openblas: Double, commit: String) -> MeasuredRun {
    MeasuredRun(
      date: "2026-11-30T05:00:00Z", machine: machine, commit: commit,
      measurements: [
        Measurement(kernel: "gemm", shape: BenchShape(m: 16, n: 4096, k: 4096), samplesMs: spread(gemm)),
        Measurement(
          kernel: "openblas-sgemm", shape: BenchShape(m: 16, n: 4096, k: 4096), samplesMs: spread(openblas, phase: 3)),
        Measurement(
          kernel: "lora-fused", shape: BenchShape(m: 16, n: 4096, k: 4096, r: 16), samplesMs: spread(fused, phase: 5)),
      ])
  }

  /// gemm 20 % slower (regressed), fused/gemm ratio unchanged-ish, gemm/openblas worse.
  static func comparison() throws -> RunComparison {
    try RegressionComparator(policy: RegressionPolicy(resamples: 500)).compare(
      baseline: run(gemm: 10, fused: 10.5, openblas: 12, commit: "1111111122"),
      current: run(gemm: 12, fused: 12.6, openblas: 12, commit: "3333333344"))
  }
}
