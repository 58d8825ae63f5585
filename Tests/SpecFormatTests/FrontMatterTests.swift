import SpecFormat
import Testing

@Suite struct FrontMatterTests {
  let parser = SpecParser(syntax: SpecSyntax(blockKinds: ["do"]))
  let body = "# T\n\n## S\n\n```do\nmerge\n```\n"

  @Test func readsTagsSkipAndXfail() {
    let text =
      "---\ntags:\n  - a\n  - b  # comment\nskip: not on this platform\nxfail: \"PEFT bug #1\"\n---\n"
      + body
    let document = parser.parse(text, file: "f.md")
    #expect(document.diagnostics.isEmpty)
    #expect(document.tags == ["a", "b"])
    #expect(document.skip == "not on this platform")
    #expect(document.xfail == "PEFT bug #1")
    #expect(document.frontMatter?.firstLine == 2)
    #expect(document.frontMatter?["skip"]?.line == 5)
    #expect(document.scenarios.first?.location.line == 10)
  }

  @Test func aPeftVersionKeyIsRefusedNotIgnored() throws {
    let document = parser.parse("---\npeft: \"0.21\"\n---\n" + body, file: "f.md")
    let diagnostic = try #require(document.diagnostics.first)
    #expect(diagnostic.location.line == 2)
    #expect(diagnostic.message.hasPrefix("unknown front matter key 'peft'"))
  }

  @Test func booleanValuesMeanDefaultReasonOrNothing() {
    let yes = parser.parse("---\nskip: true\nxfail: false\n---\n" + body, file: "f.md")
    #expect(yes.skip == "skipped")
    #expect(yes.xfail == nil)
  }

  @Test func unknownKeyGetsClosestNameAtItsLine() throws {
    let document = parser.parse("---\ntag: [a]\n---\n" + body, file: "f.md")
    let diagnostic = try #require(document.diagnostics.first)
    #expect(diagnostic.message.contains("unknown front matter key 'tag'; did you mean 'tags'?"))
    #expect(diagnostic.location.line == 2)
  }

  @Test func yamlErrorsPointAtTheMarkdownLine() throws {
    let document = parser.parse("---\ntags: [a]\nthis is not yaml\nskip: \"open\n---\n" + body, file: "f.md")
    #expect(document.diagnostics.map(\.location.line) == [3, 4])
    #expect(document.diagnostics.first?.message.contains("YAML error") == true)
  }

  @Test func unclosedFrontMatterIsAnError() {
    let document = parser.parse("---\ntags: [a]\n" + body, file: "f.md")
    #expect(document.diagnostics.contains { $0.message.contains("never closed") })
  }

  @Test func extraKeysCanBeRegistered() {
    let custom = SpecParser(syntax: SpecSyntax(blockKinds: ["do"], frontMatterKeys: ["seed"]))
    let document = custom.parse("---\nseed: 3\n---\n" + body, file: "f.md")
    #expect(document.diagnostics.isEmpty)
    #expect(document.frontMatter?["seed"]?.values == ["3"])
  }
}
