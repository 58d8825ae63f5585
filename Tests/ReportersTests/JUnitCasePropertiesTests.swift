import Foundation
import Reporters
import RunResults
import Support
import TestSupport
import Testing

/// Case properties (a bench block's ratio, interval and threshold) reach JUnit in the extended
/// flavour and are dropped in the strict one, which junit-10 does not allow.
@Suite struct JUnitCasePropertiesTests {
  static func result() -> RunResult {
    let file = "Specs/bench.md"
    return RunResult(
      suites: [
        SuiteResult(
          name: "Specs.bench", file: file, title: "Bench",
          cases: [
            CaseResult(
              name: "Fused stays close", code: .pass, location: InputLocation(file: file, line: 9), time: 0.2,
              properties: [Property("ratio", "1.031"), Property("threshold", "max_ratio <= 1.15")])
          ], time: 0.2, timestamp: JUnitWriterTests.date)
      ], time: 0.2)
  }

  @Test func extendedFlavourWritesCasePropertiesAndValidates() throws {
    let (data, text) = try JUnitWriterTests.xml(Self.result(), flavor: .extended)
    #expect(text.contains("<property name=\"ratio\" value=\"1.031\"/>"))
    #expect(text.contains("<property name=\"threshold\" value=\"max_ratio &lt;= 1.15\"/>"))
    #expect(XMLSchemaValidation.errors(xml: data, schemaPath: JUnitWriterTests.schema) == [])
  }

  @Test func strictFlavourDropsCasePropertiesAndStaysJUnit10() throws {
    let (data, text) = try JUnitWriterTests.xml(Self.result(), flavor: .strict)
    #expect(!text.contains("name=\"ratio\""))
    #expect(XMLSchemaValidation.errors(xml: data, schemaPath: JUnitWriterTests.schema) == [])
    if FileManager.default.fileExists(atPath: JUnitWriterTests.jenkinsSchema) {
      #expect(XMLSchemaValidation.errors(xml: data, schemaPath: JUnitWriterTests.jenkinsSchema) == [])
    }
  }

  @Test func casePropertiesSurviveReadingBack() throws {
    let (data, _) = try JUnitWriterTests.xml(Self.result(), flavor: .extended)
    let read = try JUnitXML.read(data: data, name: "bench.xml")
    let properties = read.suites.first?.cases.first?.properties ?? []
    #expect(properties.map(\.name) == ["ratio", "threshold"])
    #expect(properties.last?.value == "max_ratio <= 1.15")
  }
}
