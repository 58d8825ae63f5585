import Foundation
import LoRABenchmarks
import TestSupport
import Testing

@Suite struct PeerResultsTests {
  @Test func aMissingOrForeignFileIsAnErrorNamingIt() throws {
    let directory = try RepositoryPaths.temporaryDirectory("peer")
    defer { try? FileManager.default.removeItem(at: directory) }
    let missing = directory.appendingPathComponent("none.json").path
    #expect(throws: PeerResultsError.self) { try PeerResults.load(path: missing) }
    let foreign = directory.appendingPathComponent("foreign.json")
    try Data("{}".utf8).write(to: foreign)
    do {
      _ = try PeerResults.load(path: foreign.path)
      Issue.record("a file without a schema was read")
    } catch {
      #expect(error.description.hasPrefix("\(foreign.path) is not a lora-spec-bench/1 JSON file"))
    }
  }
}
