import SpecFormat
import Testing

@Suite struct TableAndDirectiveTests {
  let parser = SpecParser(syntax: SpecSyntax(blockKinds: ["do"], tableDirectives: ["match"]))

  @Test func directiveBeforeTableMakesRowsWithHeadersCellsAndLines() throws {
    let text = """
      # T

      ## Rows

      <!-- lora-spec: match -->

      | key | target_modules | matched |
      | --- | --- | --- |
      | `model.q_proj` | [q_proj] | match |
      | a\\|b | 'x' |
      """
    let document = parser.parse(text, file: "f.md")
    let table = try #require(document.scenarios.first?.tables.first)
    #expect(table.directive.name == "match")
    #expect(table.headers == ["key", "target_modules", "matched"])
    #expect(table.location.line == 7)
    #expect(table.rows.count == 2)
    #expect(table.rows[0].cells == ["model.q_proj", "[q_proj]", "match"])
    #expect(table.rows[0]["matched"] == "match")
    #expect(table.rows[0].location.line == 9)
    #expect(table.rows[0].label == "row 1: key=model.q_proj")
    #expect(table.rows[1].cells == ["a|b", "'x'", ""])
    #expect(table.rows[1].location.line == 10)
  }

  @Test func tableWithoutDirectiveIsProse() {
    let text = "# T\n\n## S\n\n| a |\n| - |\n| 1 |\n\n```do\nx\n```\n"
    #expect(parser.parse(text, file: "f.md").scenarios.first?.tables.isEmpty == true)
  }

  @Test func markersSetSkipXfailAndTagsOnTheirScenario() throws {
    let text = """
      # T

      <!-- lora-spec: tags fileTag -->

      ## A
      <!-- lora-spec: skip needs a GPU -->

      ```do
      x
      ```

      ## B

      <!-- lora-spec: xfail PEFT issue 42 -->
      <!-- lora-spec: tags slow,numerics -->

      ```do
      y
      ```
      """
    let document = parser.parse(text, file: "f.md")
    #expect(document.tags == ["fileTag"])
    #expect(document.scenarios[0].skip == "needs a GPU")
    #expect(document.scenarios[1].xfail == "PEFT issue 42")
    #expect(document.scenarios[1].tags == ["slow", "numerics"])
  }

  @Test func unknownDirectiveGetsSuggestion() throws {
    let text = "# T\n\n## S\n\n<!-- lora-spec: mach -->\n| a |\n| - |\n| 1 |\n"
    let diagnostic = try #require(parser.parse(text, file: "f.md").scenarios.first?.diagnostics.first)
    #expect(diagnostic.message.contains("unknown lora-spec directive 'mach'; did you mean 'match'?"))
    #expect(diagnostic.location.line == 5)
  }

  @Test func tableDirectiveWithoutTableIsDiagnosed() throws {
    let text = "# T\n\n## S\n\n<!-- lora-spec: match -->\n\nSome text.\n\n| a |\n| - |\n| 1 |\n"
    let diagnostic = try #require(parser.parse(text, file: "f.md").scenarios.first?.diagnostics.first)
    #expect(diagnostic.message.contains("must be followed by a table"))
  }

  @Test func ordinaryHTMLCommentsAreIgnored() {
    let text = "# T\n\n## S\n\n<!-- a note -->\n\n```do\nx\n```\n"
    #expect(parser.parse(text, file: "f.md").scenarios.first?.diagnostics.isEmpty == true)
  }
}

@Suite struct RawCellTests {
  let parser = SpecParser(syntax: SpecSyntax(blockKinds: ["do"], tableDirectives: ["match"]))

  @Test func cellsKeepRegexCharactersMarkdownWouldRender() throws {
    let text = """
      # T

      ## Rows

      <!-- lora-spec: match -->
      | key | target_modules |
      | --- | --- |
      | foobar | '.*oba.*' |
      | a.q_proj | '.*\\.q_proj' |
      | x | `'(k\\|q)_proj'` |
      | y | `` `tick` `` |
      """
    let rows = try #require(parser.parse(text, file: "f.md").scenarios.first?.tables.first?.rows)
    #expect(rows.map { $0.cells[1] } == ["'.*oba.*'", "'.*\\.q_proj'", "'(k|q)_proj'", "`tick`"])
  }

  @Test func crlfRowsGiveCleanCells() throws {
    let text = "# T\r\n\r\n## S\r\n\r\n<!-- lora-spec: match -->\r\n| a | b |\r\n| - | - |\r\n| 1 | 2 |\r\n"
    let row = try #require(parser.parse(text, file: "f.md").scenarios.first?.tables.first?.rows.first)
    #expect(row.cells == ["1", "2"])
  }
}
