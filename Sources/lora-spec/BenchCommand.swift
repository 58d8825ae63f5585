import ArgumentParser
import Foundation
import LoRABenchmarks
import RunResults

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

  @Option(help: "Merge rows from a peer JSON file (Scripts/peer-bench output) into the table and the saved JSON.")
  var peer: String?

  @Option(help: "The CPU's fp32 peak in GFLOP/s, for the share-of-peak goal.")
  var peakGflops: Double = 178

  @Option(help: "Token counts to measure, comma separated (default 1,16,128,512).")
  var tokens: String?

  @Option(help: "d_in = d_out of the measured shapes (default 4096).")
  var features: Int?

  func run() throws {
    var options = quick ? BenchOptions.quick : BenchOptions.full
    if let features {
      guard features > 0 else { throw ValidationError("--features must be positive, got \(features)") }
      options.features = features
    }
    if let tokens {
      let parsed = tokens.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
      guard !parsed.isEmpty, parsed.allSatisfy({ ($0 ?? 0) > 0 }) else {
        throw ValidationError("--tokens expects positive integers separated by commas, got '\(tokens)'")
      }
      options.tokenCounts = parsed.compactMap { $0 }
    }
    let peerResults = try peer.map(loadPeer) ?? []
    let bench = KernelBench(options: options, planWorkloads: planWorkloads()) { line in
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
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
        throw ValidationError("cannot write \(save): \(error.localizedDescription)")
      }
      FileHandle.standardError.write(Data("saved \(save)\n".utf8))
    }
  }

  /// Reads a peer file's results (schema lora-spec-bench/1).
  func loadPeer(_ path: String) throws -> [BenchResult] {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ValidationError("cannot read peer file \(path): \(error.localizedDescription)")
    }
    do {
      let report = try JSONDecoder().decode(BenchReport.self, from: data)
      guard report.schema == BenchReport.currentSchema else {
        throw ValidationError("\(path): schema '\(report.schema)', expected '\(BenchReport.currentSchema)'")
      }
      return report.results.map { row in
        var row = row
        let origin = "peer: \(report.fingerprint.swift)"
        row.note = row.note.map { "\(origin); \($0)" } ?? origin
        return row
      }
    } catch let error as ValidationError {
      throw error
    } catch {
      throw ValidationError("\(path) is not a lora-spec-bench/1 JSON file: \(error)")
    }
  }

  /// Planning workloads for the `plan` rows (Llama-2-7B and Llama-3-70B, all-linear).
  func planWorkloads() -> [PlanWorkload] {
    PlanWorkload.llamaAllLinear()
  }
}
