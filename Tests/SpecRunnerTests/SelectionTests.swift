import Foundation
import RunResults
import SpecRunner
import Testing

@Suite struct SelectionTests {
  static func files() -> [String: String] {
    [
      "one.md":
        "---\ntags: [fast]\n---\n# One\n\n## Alpha\n\n```set\nx: 1\n```\n\n## Beta\n<!-- lora-spec: tags slow -->\n\n```set\nx: 2\n```\n",
      "two.md": "# Two\n\n## Gamma\n\n```set\nx: 1\n```\n",
    ]
  }

  @Test func filterMatchesNamesAndPaths() async throws {
    let fixture = try Fixture(Self.files())
    defer { fixture.remove() }
    #expect(try await fixture.run(selection: Selection(filters: ["beta"])).summary == ["Beta: PASS"])
    #expect(try await fixture.run(selection: Selection(filters: ["two.md"])).summary == ["Gamma: PASS"])
  }

  @Test func filterByFileAndLineSelectsTheScenarioContainingIt() async throws {
    let fixture = try Fixture(Self.files())
    defer { fixture.remove() }
    #expect(try await fixture.run(selection: Selection(filters: ["one.md:9"])).summary == ["Alpha: PASS"])
    #expect(try await fixture.run(selection: Selection(filters: ["one.md:13"])).summary == ["Beta: PASS"])
  }

  @Test func tagsIncludeAndExclude() async throws {
    let fixture = try Fixture(Self.files())
    defer { fixture.remove() }
    #expect(try await fixture.run(selection: Selection(tags: ["slow"])).summary == ["Beta: PASS"])
    #expect(try await fixture.run(selection: Selection(tags: ["fast"])).summary == ["Alpha: PASS", "Beta: PASS"])
    #expect(try await fixture.run(selection: Selection(tags: ["!slow"])).summary == ["Alpha: PASS", "Gamma: PASS"])
  }

  @Test func shardsPartitionFilesStably() {
    let paths = (0..<40).map { "Specs/file\($0).md" }
    var seen: [String] = []
    for index in 1...4 {
      let shard = Shard(index: index, count: 4)
      seen += paths.filter { shard?.contains(path: $0) == true }
    }
    #expect(seen.sorted() == paths.sorted())
    let shard = Shard("2/4")
    #expect(shard?.description == "2/4")
    #expect(paths.filter { shard?.contains(path: $0) == true } == paths.filter { shard?.contains(path: $0) == true })
    #expect(Shard("0/4") == nil)
    #expect(Shard("5/4") == nil)
    #expect(Shard("a/b") == nil)
  }

  @Test func shardedRunsTogetherCoverTheWholeRun() async throws {
    var files: [String: String] = [:]
    for index in 0..<9 { files["f\(index).md"] = "# F\n\n## S\(index)\n\n```set\nx: 1\n```\n" }
    let fixture = try Fixture(files)
    defer { fixture.remove() }
    var names: [String] = []
    for index in 1...3 {
      names += try await fixture.run(selection: Selection(shard: Shard(index: index, count: 3))).summary
    }
    #expect(names.sorted() == (0..<9).map { "S\($0): PASS" }.sorted())
  }
}

@Suite struct LineAddressTests {
  @Test func pathWithLineRunsTheScenarioContainingIt() async throws {
    let fixture = try Fixture(SelectionTests.files())
    defer { fixture.remove() }
    #expect(try await fixture.run([fixture.path("one.md") + ":13"]).summary == ["Beta: PASS"])
  }
}
