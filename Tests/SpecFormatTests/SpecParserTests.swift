import RunResults
import SpecFormat
import Support
import Testing

@Suite struct SpecParserTests {
  let parser = SpecParser(
    syntax: SpecSyntax(blockKinds: ["model", "lora", "expect", "do"], tableDirectives: ["match"]))

  let source = """
    ---
    tags: [matching, vlm]
    skip: false
    ---
    # A frozen tower

    Some prose.

    ```model
    architecture: llava
    ```

    ## Name matching ignores requires_grad

    ```yaml
    not: executable
    ```

    ```lora name=other
    target_modules: [q_proj]
    ```

    ```expect adapted
    a.q_proj
    b.q_proj
    ```

    ## Second scenario

    ```expect trainable
    ```

    """

  @Test func fileIsSuiteWithTitleBackgroundAndScenarios() {
    let document = parser.parse(source, file: "Specs/x.md")
    #expect(document.title == "A frozen tower")
    #expect(document.diagnostics.isEmpty)
    #expect(document.background.count == 1)
    #expect(document.scenarios.map(\.name) == ["Name matching ignores requires_grad", "Second scenario"])
    #expect(document.scenarios[0].location == InputLocation(file: "Specs/x.md", line: 13))
    #expect(document.tags == ["matching", "vlm"])
  }

  @Test func executableBlocksKeepKindArgumentsBodyAndLines() throws {
    let document = parser.parse(source, file: "Specs/x.md")
    let blocks = document.scenarios[0].blocks
    #expect(blocks.map(\.kind) == ["lora", "expect"])
    #expect(blocks[0].arguments["name"] == "other")
    #expect(blocks[1].subkind == "adapted")
    #expect(blocks[1].title == "expect adapted")
    #expect(blocks[1].body == "a.q_proj\nb.q_proj\n")
    #expect(blocks[1].location.line == 23)
    #expect(blocks[1].bodyLine == 24)
    #expect(blocks[1].location(ofBodyLine: 2).line == 25)
  }

  @Test func bodyRangeCoversExactlyTheBodyBytes() throws {
    let document = parser.parse(source, file: "Specs/x.md")
    let bytes = Array(source.utf8)
    let adapted = document.scenarios[0].blocks[1]
    #expect(String(decoding: bytes[adapted.bodyRange], as: UTF8.self) == "a.q_proj\nb.q_proj\n")
    let empty = try #require(document.scenarios[1].blocks.first)
    #expect(empty.bodyRange.isEmpty)
    #expect(empty.isEmpty)
    let after = String(decoding: bytes[empty.bodyRange.lowerBound...], as: UTF8.self)
    #expect(after.hasPrefix("```\n"))
  }

  @Test func otherFencedBlocksAreProse() {
    let document = parser.parse(source, file: "Specs/x.md")
    #expect(!document.scenarios[0].blocks.contains { $0.kind == "yaml" })
  }

  @Test func tildeAndIndentedFencesAndUnclosedBlocks() throws {
    let text = "# T\n\n## S\n\n  ~~~~expect adapted\n  x\n   y\n  ~~~~\n\n## U\n\n```do\nmerge"
    let document = parser.parse(text, file: "f.md")
    let block = try #require(document.scenarios[0].blocks.first)
    #expect(block.body == "x\n y\n")
    #expect(block.indentation == 2)
    let bytes = Array(text.utf8)
    #expect(String(decoding: bytes[block.bodyRange], as: UTF8.self) == "  x\n   y\n")
    let open = try #require(document.scenarios[1].blocks.first)
    #expect(open.body == "merge\n")
    #expect(String(decoding: bytes[open.bodyRange], as: UTF8.self) == "merge")
  }

  @Test func crlfFilesGiveLFBodiesAndByteExactRanges() throws {
    let text = "# T\r\n\r\n## S\r\n\r\n```expect adapted\r\na\r\nb\r\n```\r\n"
    let document = parser.parse(text, file: "f.md")
    let block = try #require(document.scenarios.first?.blocks.first)
    #expect(block.body == "a\nb\n")
    #expect(String(decoding: Array(text.utf8)[block.bodyRange], as: UTF8.self) == "a\r\nb\r\n")
  }

  @Test func blocksInListsAreNotRewritable() throws {
    let text = "# T\n\n## S\n\n- item\n\n  ```expect adapted\n  a\n  ```\n"
    let block = try #require(parser.parse(text, file: "f.md").scenarios.first?.blocks.first)
    #expect(!block.isRewritable)
    #expect(block.body == "a\n")
  }

  @Test func misspeltBlockKindIsDiagnosedWithSuggestion() throws {
    let text = "# T\n\n## S\n\n```expcet adapted\na\n```\n\n```python\nprint(1)\n```\n"
    let scenario = try #require(parser.parse(text, file: "f.md").scenarios.first)
    #expect(scenario.diagnostics.count == 1)
    let message = try #require(scenario.diagnostics.first?.message)
    #expect(message.contains("unknown block kind 'expcet'; did you mean 'expect'?"))
    #expect(scenario.diagnostics.first?.location.line == 5)
  }

  @Test func duplicateScenarioNamesAreDisambiguatedAndDiagnosed() {
    let text = "# T\n\n## Same\n\n```do\nx\n```\n\n## Same\n\n```do\ny\n```\n"
    let document = parser.parse(text, file: "f.md")
    #expect(document.scenarios.map(\.name) == ["Same", "Same (2)"])
    #expect(document.scenarios[0].diagnostics.isEmpty)
    #expect(
      document.scenarios[1].diagnostics.first?.message.contains("duplicate scenario name 'Same' (first at line 3)")
        == true)
  }

  @Test func emptySuiteIsDiagnosed() {
    let noScenario = parser.parse("# Only prose\n\nText.\n", file: "f.md")
    #expect(noScenario.scenarios.isEmpty)
    #expect(noScenario.diagnostics.first?.message.contains("empty suite") == true)
    let proseScenarios = parser.parse("# T\n\n## Why\n\nJust prose.\n", file: "f.md")
    #expect(proseScenarios.diagnostics.first?.message.contains("none of its '## ' sections") == true)
    let unregistered = parser.parse("# T\n\n## Bench\n\n```bench\nx\n```\n", file: "f.md")
    #expect(
      unregistered.diagnostics.first?.message.hasSuffix("no handler is registered for its blocks 'bench' (line 5)")
        == true)
  }

  @Test func proseOnlySectionsAreNotScenarios() {
    let text = "# T\n\n## Why\n\nProse.\n\n## Runs\n\n```do\nmerge\n```\n"
    #expect(parser.parse(text, file: "f.md").scenarios.map(\.name) == ["Runs"])
  }
}
