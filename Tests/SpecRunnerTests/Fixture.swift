import Foundation
import RunResults
import SpecRunner
import TestSupport

/// Spec files in a temporary directory, run with the demo handlers.
struct Fixture {
  let directory: URL

  init(_ files: [String: String]) throws {
    directory = try RepositoryPaths.temporaryDirectory("runner")
    for (name, text) in files {
      let url = directory.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
  }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

  func run(
    _ paths: [String]? = nil, selection: Selection = Selection(), jobs: Int = 2, update: Bool = false
  ) async throws -> RunOutcome {
    let runner = SpecRunner(handlers: DemoHandlers.registry())
    return try await runner.run(
      RunOptions(paths: paths ?? [directory.path], selection: selection, jobs: jobs, update: update))
  }

  func remove() { try? FileManager.default.removeItem(at: directory) }
}

extension RunOutcome {
  /// `name: CODE` of every case in order.
  var summary: [String] { result.suites.flatMap { $0.cases.map { "\($0.name): \($0.code.label)" } } }

  func only(_ name: String) -> CaseResult? {
    result.suites.flatMap(\.cases).first { $0.name == name }
  }
}
