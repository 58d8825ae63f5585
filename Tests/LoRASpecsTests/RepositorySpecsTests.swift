import Foundation
import LoRASpecs
import RunResults
import SpecRunner
import TestSupport
import Testing

/// The specs of the repository still evaluate: an engine change that breaks one (a
/// block no longer understood, an error where a result was expected) fails here.
@Suite struct RepositorySpecsTests {
  /// Blocks that need real weights or timing; files using them are left to the numeric tests.
  static let numericMarkers = ["```expect numerics", "```expect changed", "```expect saved-keys", "```bench"]

  /// The spec files under Specs/ that only use structural blocks.
  static func structuralSpecs() throws -> [String] {
    let directory = RepositoryPaths.file("Specs")
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".md") }
    return try names.sorted().map { directory.appendingPathComponent($0).path }.filter { path in
      let text = try String(contentsOfFile: path, encoding: .utf8)
      return !numericMarkers.contains { text.contains($0) }
    }
  }

  @Test func structuralSpecsHaveNoErrors() async throws {
    let files = try Self.structuralSpecs()
    #expect(files.count >= 10, "found \(files)")
    let runner = SpecRunner(handlers: LoRASpecHandlers.registry())
    let outcome = await runner.run(files: files, options: RunOptions(paths: [], jobs: 2))
    #expect(outcome.unreadableFiles.isEmpty)
    let errors = outcome.cases.filter { $0.code == .error }
    #expect(errors.isEmpty, "\(errors.map { "\($0.name): \($0.message ?? "")" }.joined(separator: "\n"))")
    #expect(outcome.cases.count >= 50)
  }
}
