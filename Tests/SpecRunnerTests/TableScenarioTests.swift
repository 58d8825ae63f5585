import Foundation
import RunResults
import SpecFormat
import SpecRunner
import Testing

@Suite struct TableScenarioTests {
  @Test func scenarioWithExpectationsAndATableGivesBothKindsOfCase() async throws {
    let text = """
      # T

      ## Mixed

      ```set
      x: 1
      ```

      ```expect sum
      1
      ```

      <!-- lora-spec: add -->
      | a | b | sum |
      | - | - | --- |
      | 1 | 1 | 2 |
      """
    let fixture = try Fixture(["a.md": text])
    defer { fixture.remove() }
    #expect(try await fixture.run().summary == ["Mixed: PASS", "Mixed [row 1: a=1]: PASS"])
  }

  @Test func rowsAreErrorsWhenTheSetupAboveThemBreaks() async throws {
    let text = """
      # T

      ## Broken setup

      ```boom
      x
      y
      ```

      <!-- lora-spec: add -->
      | a | b | sum |
      | - | - | --- |
      | 1 | 1 | 2 |
      """
    let fixture = try Fixture(["a.md": text])
    defer { fixture.remove() }
    let outcome = try await fixture.run()
    #expect(outcome.summary == ["Broken setup [row 1: a=1]: ERROR"])
    #expect(outcome.only("Broken setup [row 1: a=1]")?.message?.hasPrefix("not run: ") == true)
  }

  @Test func tablesInTheBackgroundAreErrors() async throws {
    let text =
      "# T\n\n<!-- lora-spec: add -->\n| a | b | sum |\n| - | - | - |\n| 1 | 1 | 2 |\n\n## S\n\n```set\nx: 1\n```\n"
    let fixture = try Fixture(["a.md": text])
    defer { fixture.remove() }
    let result = try #require(try await fixture.run().only("S"))
    #expect(result.code == .error)
    #expect(result.message?.contains("an example table must be inside a '##' scenario") == true)
  }

  @Test func twoTablesInOneScenarioNumberTheirRows() async throws {
    let table = "<!-- lora-spec: add -->\n| a | b | sum |\n| - | - | - |\n| 1 | 1 | 2 |\n"
    let fixture = try Fixture(["a.md": "# T\n\n## Two\n\n" + table + "\n" + table])
    defer { fixture.remove() }
    #expect(
      try await fixture.run().summary == ["Two [table 1, row 1: a=1]: PASS", "Two [table 2, row 1: a=1]: PASS"])
  }

  @Test func updateLeavesFilesChangedDuringTheRunAlone() throws {
    let fixture = try Fixture(["a.md": "# T\n\n## S\n\n```expect sum\n1\n```\n"])
    defer { fixture.remove() }
    let path = fixture.path("a.md")
    let parser = SpecParser(syntax: DemoHandlers.registry().syntax)
    let document = parser.parse(try fixture.read("a.md"), file: path)
    let block = try #require(document.scenarios.first?.blocks.first)
    try Data("# changed\n".utf8).write(to: URL(fileURLWithPath: path))
    let (written, problems) = SpecUpdater.write(
      [BlockUpdate(block: block, newBody: "2\n")], sources: [path: document.source])
    #expect(written.isEmpty)
    #expect(problems == ["\(path): changed on disk during the run; not updated"])
    #expect(try fixture.read("a.md") == "# changed\n")
  }
}
