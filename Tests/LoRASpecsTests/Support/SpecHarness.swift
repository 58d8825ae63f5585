import Foundation
import LoRASpecs
import RunResults
import SpecRunner
import TestSupport

/// Markdown specs written to a temporary directory and run through the real runner with
/// the LoRA handlers, as `lora-spec run` does.
struct SpecHarness {
  let directory: URL

  /// One spec file named `spec.md`.
  init(_ text: String) throws {
    try self.init(files: ["spec.md": text])
  }

  init(files: [String: String]) throws {
    directory = try RepositoryPaths.temporaryDirectory("lora-specs")
    for (name, text) in files {
      try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }
  }

  func path(_ name: String = "spec.md") -> String { directory.appendingPathComponent(name).path }

  func read(_ name: String = "spec.md") throws -> String {
    try String(contentsOfFile: path(name), encoding: .utf8)
  }

  /// Runs every spec of the directory (one job: deterministic and light on a busy machine).
  func run(update: Bool = false) async throws -> RunOutcome {
    let runner = SpecRunner(handlers: LoRASpecHandlers.registry())
    return try await runner.run(RunOptions(paths: [directory.path], jobs: 1, update: update))
  }

  func remove() { try? FileManager.default.removeItem(at: directory) }

  /// Writes `text` as a spec, runs it, removes it.
  static func run(_ text: String, update: Bool = false) async throws -> RunOutcome {
    let harness = try SpecHarness(text)
    defer { harness.remove() }
    return try await harness.run(update: update)
  }
}

extension RunOutcome {
  /// Every case, in document order.
  var cases: [CaseResult] { result.suites.flatMap(\.cases) }

  /// `name: CODE` of every case, in document order.
  var summary: [String] { cases.map { "\($0.name): \($0.code.label)" } }

  /// The case named `name` (a scenario heading, or a row's `Scenario [row N: ...]`).
  func only(_ name: String) -> CaseResult? { cases.first { $0.name == name } }
}
