import Foundation
import Reporters
import RunResults
import Support
import Testing

/// CI annotators draw a failure at `testcase@line`: it is the failing block's line, the
/// scenario heading stays in a property.
@Suite struct JUnitFailureLineTests {
  static func result(_ cases: [CaseResult]) -> RunResult {
    RunResult(suites: [SuiteResult(name: "Specs.s", file: "Specs/s.md", title: "S", cases: cases, time: 0)], time: 0)
  }

  @Test func aFailedCasePointsAtItsFailingBlockAndKeepsTheHeadingInAProperty() throws {
    let failed = CaseResult(
      name: "Broken", code: .fail, location: InputLocation(file: "Specs/s.md", line: 10),
      failureLocation: InputLocation(file: "Specs/s.md", line: 24), message: "differs")
    let data = try JUnitXML.data(JUnitReport.document(from: Self.result([failed]), hostname: "h"), flavor: .extended)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("name=\"Broken\" time=\"0.000\" file=\"Specs/s.md\" line=\"24\""))
    #expect(text.contains("<property name=\"lora-spec.heading-line\" value=\"10\"/>"))
  }

  @Test func aPassingCasePointsAtItsHeading() throws {
    let passed = CaseResult(name: "Fine", code: .pass, location: InputLocation(file: "Specs/s.md", line: 10))
    let data = try JUnitXML.data(JUnitReport.document(from: Self.result([passed]), hostname: "h"), flavor: .extended)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("line=\"10\""))
    #expect(!text.contains("heading-line"))
  }
}
