extension MeasuredRun {
  /// The run recorded in a `lora-spec-bench/1` report. Rows without samples are kept (they have no
  /// metric) so a "not installed" peer does not break the comparison.
  public init(report: BenchReport) {
    let print = report.fingerprint
    self.init(
      date: report.date,
      machine: MachineIdentity(
        cpu: print.cpu, cores: print.cores, os: print.os, swift: print.swift, configuration: print.configuration,
        kernelISA: print.kernelISA, hostname: print.hostname),
      commit: print.commit,
      measurements: report.results.map { result in
        Measurement(
          kernel: result.kernel,
          shape: BenchShape(m: result.m, n: result.n, k: result.k, r: result.r, model: result.model),
          samplesMs: result.samplesMs)
      })
  }
}
