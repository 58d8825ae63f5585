import RunResults
import SpecFormat
import Support
import Testing

@testable import Reporters

@Suite("Site from runner results")
struct SiteResultsTests {
  let source = """
    # Suite

    ```model
    architecture: tiny
    ```

    ## Passing

    ```expect adapted
    a
    ```

    ## Failing

    ```expect adapted
    a
    ```

    ```expect trainable
    1
    ```

    ## Erroring

    ```expect adapted
    x
    ```

    ```expect trainable
    2
    ```
    """

  func document() -> SpecDocument {
    SpecParser(syntax: SpecSyntax(blockKinds: ["model", "lora", "do", "expect"])).parse(source, file: "Specs/s.md")
  }

  func suite() -> SuiteResult {
    SuiteResult(
      name: "s", file: "Specs/s.md", title: "Suite",
      cases: [
        CaseResult(name: "Passing", code: .pass, location: InputLocation(file: "Specs/s.md", line: 7), time: 0.1),
        CaseResult(
          name: "Failing", code: .fail, location: InputLocation(file: "Specs/s.md", line: 13),
          message: "expect trainable at Specs/s.md:19 differs",
          details: "expect trainable at Specs/s.md:19 differs\n\nSpecs/s.md:19: expect trainable differs\n-1\n+576"),
        CaseResult(
          name: "Erroring", code: .error, location: InputLocation(file: "Specs/s.md", line: 23),
          message: "Specs/s.md:25: unknown module 'x'", details: "Specs/s.md:25: unknown module 'x'"),
      ], time: 0.3)
  }

  @Test("Blocks take their outcome from the case details: named blocks fail or error, later blocks did not run")
  func blockOutcomes() {
    let spec = SiteSpec(document: document(), suite: suite(), relativePath: "s.md")
    let byLine = Dictionary(uniqueKeysWithValues: spec.blocks.map { ($0.line, $0) })
    #expect(byLine[9]?.status == .pass)
    #expect(byLine[15]?.status == .pass)
    #expect(byLine[19]?.status == .fail)
    #expect(byLine[19]?.diff == "-1\n+576")
    #expect(byLine[25]?.status == .error)
    #expect(byLine[25]?.message == "unknown module 'x'")
    #expect(byLine[29].map { $0.status == nil } == true)
    #expect(byLine[3]?.status == .pass)
    #expect(spec.cases.map(\.status) == [.pass, .fail, .error])
    #expect(spec.cases.map(\.line) == [7, 13, 23])
    #expect(spec.problem == nil)
  }

  @Test("The rendered page shows the runner's diff and valid HTML")
  func rendered() throws {
    let spec = SiteSpec(document: document(), suite: suite(), relativePath: "s.md")
    let files = SiteGenerator.render(SiteDocument(specs: [spec], generated: "now"))
    let page = try #require(files["s.html"])
    #expect(page.contains("<span class=\"actual\">+576</span>"))
    #expect(page.contains("<div class=\"block status-error\" id=\"block-L25\">"))
    #expect(page.contains("<div class=\"block status-not-run\" id=\"block-L29\">"))
    #expect(SiteHTMLCheck.errors(in: page).isEmpty)
  }

  @Test("A spec that was not run says so and its blocks are marked not run")
  func notRun() {
    let spec = SiteSpec(document: document(), suite: nil, relativePath: "s.md")
    #expect(spec.problem == "Not run.")
    #expect(spec.blocks.allSatisfy { $0.status == nil })
  }
}
