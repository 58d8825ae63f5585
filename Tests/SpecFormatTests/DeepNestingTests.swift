import SpecFormat
import Testing

/// Hostile Markdown: nesting as deep as the input allows must not exhaust the call stack.
@Suite struct DeepNestingTests {
  let parser = SpecParser(syntax: SpecSyntax(blockKinds: ["do"]))

  @Test func aHundredThousandNestedBlockQuotesParseWithoutCrashing() {
    let text = "# T\n\n## S\n\n" + String(repeating: "> ", count: 100_000) + "deep\n\n```do\nmerge\n```\n"
    let document = parser.parse(text, file: "deep.md")
    #expect(document.scenarios.map(\.name) == ["S"])
  }

  @Test func deeplyNestedListsAndEmphasisParseWithoutCrashing() {
    let lists = (0..<1_000).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n")
    let emphasis = String(repeating: "*a _", count: 20_000) + "x"
    let document = parser.parse(
      "# T\n\n## " + emphasis + "\n\n" + lists + "\n\n```do\nmerge\n```\n", file: "deep.md")
    #expect(document.scenarios.count == 1)
  }
}
