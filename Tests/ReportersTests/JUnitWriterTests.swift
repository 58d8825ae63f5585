import Foundation
import Reporters
import RunResults
import Support
import TestSupport
import Testing

@Suite struct JUnitWriterTests {
  static let schema = RepositoryPaths.file("Sources/Reporters/JUnit/lora-spec-junit.xsd").path
  /// Jenkins' junit-10 schema (xunit plugin), when `JUNIT10_XSD` names a copy of it: the
  /// project does not ship it, so this check runs where CI provides the file.
  static let jenkinsSchema = ProcessInfo.processInfo.environment["JUNIT10_XSD"] ?? ""

  static let date = Date(timeIntervalSince1970: 1_780_000_000)

  static func sample(name: String = "Frozen tower gets adapters") -> RunResult {
    let file = "Specs/frozen.md"
    return RunResult(
      suites: [
        SuiteResult(
          name: "Specs.frozen", file: file, title: "Frozen",
          cases: [
            CaseResult(name: name, code: .pass, location: InputLocation(file: file, line: 5), time: 0.0123),
            CaseResult(
              name: "Wrong", code: .fail, location: InputLocation(file: file, line: 12), time: 0.5,
              message: "expect adapted at Specs/frozen.md:20 differs\nsecond line", problemType: "ExpectationMismatch",
              details: "expect adapted at Specs/frozen.md:20 differs\n--- expected\n+++ actual\n-a\n+b",
              warnings: ["frozen modules got adapters"]),
            CaseResult(
              name: "Broken", code: .error, location: InputLocation(file: file, line: 30), message: "bad yaml"),
            CaseResult(name: "Later", code: .skipped, message: "not today"),
            CaseResult(name: "Known", code: .xfail, message: "expected failure: PEFT bug", details: "diff"),
            CaseResult(name: "Fixed", code: .xpass, message: "expected failure passed: x"),
          ], time: 0.5123, timestamp: date,
          properties: [Property("lora-spec.version", "0.1.0"), Property("shard", "1/1")])
      ], time: 0.6)
  }

  static func xml(_ result: RunResult, flavor: JUnitFlavor) throws -> (Data, String) {
    let data = try JUnitXML.data(JUnitReport.document(from: result, hostname: "ci-7"), flavor: flavor)
    return (data, String(decoding: data, as: UTF8.self))
  }

  @Test func bothFlavoursValidateAgainstTheProjectSchema() throws {
    for flavor in JUnitFlavor.allCases {
      let (data, _) = try Self.xml(Self.sample(), flavor: flavor)
      #expect(XMLSchemaValidation.errors(xml: data, schemaPath: Self.schema) == [], "flavor \(flavor)")
    }
  }

  @Test func schemaRejectsWhatTheDialectForbids() throws {
    let (_, text) = try Self.xml(Self.sample(), flavor: .strict)
    let broken = text.replacingOccurrences(of: "time=\"0.012\"", with: "time=\"1e-2\"")
    #expect(!XMLSchemaValidation.errors(xml: Data(broken.utf8), schemaPath: Self.schema).isEmpty)
  }

  static var jenkinsSchemaPresent: Bool {
    !jenkinsSchema.isEmpty && FileManager.default.fileExists(atPath: jenkinsSchema)
  }

  @Test(.enabled(if: JUnitWriterTests.jenkinsSchemaPresent))
  func strictFlavourValidatesAgainstJenkinsJUnit10AndExtendedDoesNot() throws {
    let (strict, _) = try Self.xml(Self.sample(), flavor: .strict)
    #expect(XMLSchemaValidation.errors(xml: strict, schemaPath: Self.jenkinsSchema) == [])
    let (extended, _) = try Self.xml(Self.sample(), flavor: .extended)
    #expect(!XMLSchemaValidation.errors(xml: extended, schemaPath: Self.jenkinsSchema).isEmpty)
  }

  @Test func mappingFollowsTheDesign() throws {
    let (_, text) = try Self.xml(Self.sample(), flavor: .extended)
    #expect(
      text.hasPrefix(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"lora-spec\" tests=\"6\" failures=\"2\" errors=\"1\" skipped=\"2\" time=\"0.600\">"
      ))
    #expect(
      text.contains(
        "<testsuite name=\"Specs.frozen\" tests=\"6\" failures=\"2\" errors=\"1\" skipped=\"2\" time=\"0.512\" timestamp=\"2026-05-28T20:26:40\" hostname=\"ci-7\" id=\"0\" file=\"Specs/frozen.md\">"
      ))
    #expect(text.contains("<property name=\"shard\" value=\"1/1\"/>"))
    #expect(
      text.contains(
        "<testcase classname=\"Specs.frozen\" name=\"Frozen tower gets adapters\" time=\"0.012\" file=\"Specs/frozen.md\" line=\"5\"/>"
      ))
    #expect(
      text.contains(
        "<failure type=\"ExpectationMismatch\" message=\"expect adapted at Specs/frozen.md:20 differs\">expect adapted at Specs/frozen.md:20 differs\n--- expected\n+++ actual\n-a\n+b</failure>"
      ))
    #expect(text.contains("<system-out>warning: frozen modules got adapters</system-out>"))
    #expect(text.contains("<error type=\"SpecError\" message=\"bad yaml\">bad yaml</error>"))
    #expect(text.contains("<skipped message=\"not today\"/>"))
    #expect(text.contains("<skipped type=\"xfail\" message=\"expected failure: PEFT bug\">diff</skipped>"))
    #expect(text.contains("<failure type=\"UnexpectedPass\" message=\"expected failure passed: x\">"))
  }

  @Test func strictFlavourDropsFileAndLineOfCases() throws {
    let (_, text) = try Self.xml(Self.sample(), flavor: .strict)
    #expect(!text.contains(" line="))
    #expect(!text.contains("<testcase classname=\"Specs.frozen\" name=\"Wrong\" time=\"0.500\" file="))
    #expect(!text.contains("<testsuites name=\"lora-spec\" tests=\"6\" failures=\"2\" errors=\"1\" skipped="))
    #expect(text.contains("file=\"Specs/frozen.md\">"))
  }

  @Test(arguments: [
    "a & b", "<script>", "x ]]> y", "\u{1B}[31mred\u{1B}[0m text", "emoji 🧪👩‍🔬", "nul\u{0}bell\u{7}vt\u{B}",
    "quote \" and ' apostrophe", "\u{1B}]8;;http://x\u{7}link\u{1B}]8;;\u{7}",
  ])
  func hostileTextStaysValidAndReadsBackSanitized(_ name: String) throws {
    var result = Self.sample(name: name)
    result.suites[0].cases[1].details = name
    result.suites[0].cases[1].warnings = [name]
    let (data, text) = try Self.xml(result, flavor: .strict)
    #expect(XMLSchemaValidation.isWellFormed(data))
    #expect(XMLSchemaValidation.errors(xml: data, schemaPath: Self.schema) == [])
    #expect(String(decoding: data, as: UTF8.self).utf8.elementsEqual(data))
    #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
    let back = try JUnitXML.read(data: data, name: "report.xml")
    #expect(back.suites[0].cases[0].name == JUnitXML.sanitize(name))
    #expect(back.suites[0].cases[1].outcome?.body == JUnitXML.sanitize(name))
    #expect(back.suites[0].cases[1].systemOut == "warning: " + JUnitXML.sanitize(name))
  }

  @Test func sanitizeRemovesAnsiSequencesAndForbiddenCharacters() {
    #expect(JUnitXML.sanitize("\u{1B}[1;31mFAIL\u{1B}[0m ok") == "FAIL ok")
    #expect(JUnitXML.sanitize("a\u{0}b\u{1F}c\u{FFFE}d\te\nf") == "abcd\te\nf")
    #expect(JUnitXML.sanitize("🧪 & <") == "🧪 & <")
  }

  @Test func writeIsAtomicAndReplacesTheFile() throws {
    let directory = try RepositoryPaths.temporaryDirectory("junit")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("nested/junit.xml").path
    try Data("old".utf8).write(to: URL(fileURLWithPath: directory.path + "/old.xml"))
    try JUnitXML.write(JUnitReport.document(from: Self.sample()), to: path)
    try JUnitXML.write(JUnitReport.document(from: Self.sample()), to: path)
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("nested").path)
    #expect(names == ["junit.xml"])
    #expect(try JUnitXML.read(path: path).tests == 6)
  }

  @Test func unwritablePathIsAnErrorNotACrash() {
    #expect(throws: JUnitXML.Failure.self) {
      try JUnitXML.write(JUnitDocument(), to: "/proc/lora-spec-cannot-write/junit.xml")
    }
  }
}
