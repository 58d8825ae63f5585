import Foundation
import RunResults
import SpecRunner
import Support
import Testing

@Suite struct OutputTests {
  static let result = RunResult(
    suites: [
      SuiteResult(
        name: "Specs.a", file: "Specs/a.md", title: "A",
        cases: [
          CaseResult(name: "ok", code: .pass, location: InputLocation(file: "Specs/a.md", line: 3), time: 0.5),
          CaseResult(
            name: "bad, really: yes", code: .fail, location: InputLocation(file: "Specs/a.md", line: 9), time: 0.25,
            message: "expect sum differs", problemType: "ExpectationMismatch", details: "expect sum differs\n100% off"),
        ])
    ], time: 0.75)

  @Test func humanReportHasNoEscapesWithoutColourAndEndsWithSummary() {
    let text = HumanReport.render(RunOutcome(result: Self.result), style: TerminalStyle(colored: false))
    #expect(!text.contains("\u{1B}"))
    #expect(text.contains("  PASS  ok 0.500s"))
    #expect(text.contains("  FAIL  bad, really: yes 0.250s\n        expect sum differs\n        100% off"))
    #expect(
      text.hasSuffix("1 passed, 1 failed, 0 errors, 0 skipped, 0 xfail, 0 xpass (2 cases in 1 file) in 0.750s\n"))
    let colored = HumanReport.render(RunOutcome(result: Self.result), style: TerminalStyle(colored: true))
    #expect(colored.contains("\u{1B}[32m"))
  }

  @Test func noColorDisablesColour() {
    #expect(!TerminalStyle.detect(fileDescriptor: 1, environment: ["NO_COLOR": "1"]).colored)
  }

  @Test func githubAnnotationsEscapeProperties() {
    let text = GitHubReport.annotations(Self.result)
    #expect(
      text
        == "::error file=Specs/a.md,line=9,title=Specs.a%3A bad%2C really%3A yes (FAIL)::expect sum differs%0A100%25 off\n"
    )
    #expect(GitHubReport.stepSummary(Self.result).contains("| 1 | 1 | 0 | 0 | 0 | 0 | 0.750s |"))
  }

  @Test func annotationsStopAtTheLimitAndSayHowManyMoreAndWhere() {
    let cases = (0..<15).map { CaseResult(name: "c\($0)", code: .error, message: "m") }
    let result = RunResult(suites: [SuiteResult(name: "s", file: "s.md", cases: cases)])
    let lines = GitHubReport.annotations(result).split(separator: "\n")
    #expect(lines.count == 11)
    #expect(lines.prefix(10).allSatisfy { $0.hasPrefix("::error ") })
    #expect(lines.last?.hasPrefix("::warning title=lora-spec%3A 5 more failing cases::") == true)
    #expect(lines.last?.contains("listed in the step summary and the JUnit report") == true)
  }

  @Test func jsonReportDecodesWithCountsAndExitCode() throws {
    let text = JSONReport.render(RunOutcome(result: Self.result))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["exit_code"] as? Int == 1)
    #expect(object["schema"] as? String == "lora-spec-run/1")
    #expect((object["counts"] as? [String: Any])?["fail"] as? Int == 1)
    let suites = (object["result"] as? [String: Any])?["suites"] as? [[String: Any]]
    #expect((suites?.first?["cases"] as? [[String: Any]])?.count == 2)
  }

  @Test func unifiedDiffShowsHunks() {
    let diff = TextDiff.unified(expected: "a\nb\nc\n", actual: "a\nB\nc\nd\n")
    #expect(diff == "--- expected\n+++ actual\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d")
    #expect(TextDiff.unified(expected: "x  \n\n", actual: "\nx") == "")
  }
}

@Suite struct ComparisonTests {
  @Test func elisionMatchesLinesAndTextWithinLines() {
    let actual = "trainable params: 32 || all params: 80 || trainable%: 40.0000\n"
    #expect(
      ExpectationResult.compare(expected: "trainable params: ... || all params: 80 || ...", actual: actual).passed)
    #expect(
      !ExpectationResult.compare(expected: "trainable params: ... || all params: 81 || ...", actual: actual).passed)
    #expect(ExpectationResult.compare(expected: "a\n...\nd\n", actual: "a\nb\nc\nd\n").passed)
    #expect(ExpectationResult.compare(expected: "a\n...\nb\n", actual: "a\nb\n").passed)
    #expect(!ExpectationResult.compare(expected: "a\n...\nd\n", actual: "a\nb\nc\n").passed)
    #expect(Elision.lineMatches("x...y...z", "x1y2z"))
    #expect(!Elision.lineMatches("x...y...z", "x1z2y"))
  }

  @Test func setComparisonListsMissingAndUnexpected() {
    let result = ExpectationResult.compareSet(expected: "b\na\n\nc\n", actual: ["a", "b", "d"])
    #expect(!result.passed)
    #expect(result.diff == "missing (1):\n- c\nunexpected (1):\n+ d")
    #expect(result.message == "1 missing and 1 unexpected of 3 expected")
    #expect(result.actual == "a\nb\nd\n")
    #expect(ExpectationResult.compareSet(expected: " b\na ", actual: ["a", "b"]).passed)
  }
}
