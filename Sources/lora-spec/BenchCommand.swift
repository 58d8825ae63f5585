import ArgumentParser
import BenchRegression
import Foundation
import LoRABenchmarks
import Reporters
import RunResults
import Support

/// `lora-spec bench`: the kernels against their baselines (reference, OpenBLAS, peers) in one run.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure GEMM and LoRA kernels side by side (reference, accelerated, OpenBLAS) and planning time.",
    discussion: """
      Shapes: M (tokens) in {1, 16, 128, 512}, d_in = d_out = 4096, r in {8, 16, 64}. Every sample \
      round runs each kernel once, interleaved, so ratios from one run stay meaningful on a busy \
      machine. Progress goes to stderr, the table to stdout. Build with -c release for real figures.
      """)

  @Flag(help: "A run under a minute (fewer, shorter samples).")
  var quick = false

  @Option(help: "Write the results as JSON (schema lora-spec-bench/1) to this file.")
  var save: String?

  @Flag(help: "Also store the run in the baseline history (Reports/baselines/<date>-<commit>.json).")
  var store = false

  @Option(help: "Compare with a stored run: verdicts per metric (regressed, improved, unchanged, inconclusive).")
  var baseline: String?

  @Flag(help: "With --baseline: an inconclusive comparison also fails (exit 3).")
  var strict = false

  @Option(help: "With --baseline: write the comparison as Markdown (a pull-request comment) to this file.")
  var markdown: String?

  @Option(help: "With --baseline: write the comparison JSON (schema lora-spec-bench-comparison/1) to this file.")
  var comparisonJson: String?

  @Option(help: "Write this run in Bencher's metric format (BMF JSON) to this file.")
  var bencher: String?

  @Option(help: "Merge rows from a peer JSON file (Scripts/peer-bench output) into the table and the saved JSON.")
  var peer: String?

  @Option(help: "The CPU's fp32 peak in GFLOP/s, for the share-of-peak goal (default: measured by an FMA-bound loop).")
  var peakGflops: Double?

  @Option(help: "Token counts to measure, comma separated (default 1,16,128,512).")
  var tokens: String?

  @Option(help: "d_in = d_out of the measured shapes (default 4096).")
  var features: Int?

  func run() throws {
    var options = quick ? BenchOptions.quick : BenchOptions.full
    if let features {
      guard features > 0 else { throw CommandFailure.usage("--features must be positive, got \(features)") }
      options.features = features
    }
    if let tokens {
      let parsed = tokens.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
      guard !parsed.isEmpty, parsed.allSatisfy({ ($0 ?? 0) > 0 }) else {
        throw CommandFailure.usage("--tokens expects positive integers separated by commas, got '\(tokens)'")
      }
      options.tokenCounts = parsed.compactMap { $0 }
    }
    let peerResults: [BenchResult]
    do {
      peerResults = try peer.map { path throws(PeerResultsError) in try PeerResults.load(path: path) } ?? []
    } catch {
      throw CommandFailure.unreadableInput(error.description)
    }
    // Everything that can be checked before measuring is checked first: a typo must not cost a
    // whole benchmark run, nor come back as exit 2 ("regression").
    if baseline == nil {
      let needsBaseline = [("--markdown", markdown), ("--comparison-json", comparisonJson)].filter { $0.1 != nil }
      if let first = needsBaseline.first {
        throw CommandFailure.usage("\(first.0) writes a comparison and needs --baseline FILE")
      }
      if strict { throw CommandFailure.usage("--strict applies to a comparison and needs --baseline FILE") }
    }
    if let baseline {
      do {
        _ = try BaselineStore.read(URL(fileURLWithPath: baseline))
      } catch {
        throw CommandFailure.unreadableInput("\(error)")
      }
    }
    let bench = KernelBench(options: options, planWorkloads: planWorkloads()) { Diagnostics.write($0) }
    var report = bench.run()
    report.results += peerResults
    let installed = report.results.contains { $0.kernel.hasPrefix("openblas") }
    print(BenchTable.render(report, peakGFLOPS: peakGflops, openBLASInstalled: installed), terminator: "")
    if let save {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      do {
        try encoder.encode(report).write(to: URL(fileURLWithPath: save))
      } catch {
        throw CommandFailure.unwritableOutput("cannot write \(save): \(error.localizedDescription)")
      }
      Diagnostics.write("saved \(save)")
    }
    if store {
      do {
        let url = try BaselineStore().save(report)
        Diagnostics.write("stored \(url.path)")
      } catch {
        throw CommandFailure.unwritableOutput("\(error)")
      }
    }
    if let baseline {
      try compare(report, with: baseline, options: options)
    } else if let bencher {
      do {
        try AtomicFile.write(BencherMetricFormat.render(MeasuredRun(report: report)), to: bencher)
      } catch {
        throw CommandFailure.unwritableOutput("\(error)")
      }
    }
  }

  /// Compares the run with a stored one, re-measuring flagged regressions interleaved, prints
  /// the verdict table, writes the requested reports and exits with the verdict's status.
  func compare(_ report: BenchReport, with baseline: String, options: BenchOptions) throws {
    let comparison: RunComparison
    do {
      comparison = try RegressionCheck.compare(
        current: report, baselineFile: URL(fileURLWithPath: baseline),
        remeasure: { series in try Self.remeasure(series, options: options) })
    } catch {
      throw CommandFailure.unreadableInput("cannot compare with \(baseline): \(error)")
    }
    let table: String
    do {
      table = try BenchReportWriter.write(
        comparison, current: report,
        to: .init(
          markdown: markdown, json: comparisonJson, bencher: bencher,
          stepSummary: GitHubStepSummary.fromEnvironment()?.path))
    } catch {
      throw CommandFailure.unwritableOutput("\(error)")
    }
    print(table, terminator: table.hasSuffix("\n") ? "" : "\n")
    let status = comparison.exitStatus(strict: strict)
    if status != .unchanged { throw CommandFailure.benchmarkVerdict(status) }
  }

  /// Fresh samples of one metric: its shape measured again (kernels interleaved as in the main
  /// run). Planning metrics are not re-measured.
  static func remeasure(_ series: MetricSeries, options: BenchOptions) throws -> [Double]? {
    guard let m = series.shape.m, series.shape.model == nil else { return nil }
    var focused = options
    focused.tokenCounts = [m]
    if let r = series.shape.r { focused.ranks = [r] }
    if let n = series.shape.n { focused.features = n }
    let bench = KernelBench(options: focused, planWorkloads: []) { Diagnostics.write("re-measure: " + $0) }
    let fresh = MeasuredRun(report: bench.run()).metrics()
    return fresh.first { $0.id == series.id }?.samples
  }

  /// Planning workloads for the `plan` rows (Llama-2-7B and Llama-3-70B, all-linear).
  func planWorkloads() -> [PlanWorkload] {
    PlanWorkload.llamaAllLinear()
  }
}
