import Foundation
import TestSupport
import Testing

@Suite struct JUnitMergeCommandTests {
  @Test func mergesShardReportsIntoOneValidReport() throws {
    let directory = try RepositoryPaths.temporaryDirectory("cli-merge")
    defer { try? FileManager.default.removeItem(at: directory) }
    let one = """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites tests="1" failures="1" errors="0" time="1.000"><testsuite name="Specs.a" tests="1" failures="1" errors="0" skipped="0" time="1.000"><testcase classname="Specs.a" name="x" time="1.000" file="Specs/a.md" line="4"><failure type="ExpectationMismatch" message="m">body</failure></testcase></testsuite></testsuites>
      """
    let two = """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites tests="2" failures="0" errors="0" time="0.500"><testsuite name="Specs.b" tests="2" failures="0" errors="0" skipped="1" time="0.500"><testcase classname="Specs.b" name="y" time="0.250"/><testcase classname="Specs.b" name="z" time="0.250"><skipped message="later"/></testcase></testsuite></testsuites>
      """
    try Data(one.utf8).write(to: directory.appendingPathComponent("a.xml"))
    try Data(two.utf8).write(to: directory.appendingPathComponent("b.xml"))
    let output = try CLIRunner.run(["junit-merge", "a.xml", "b.xml", "--output", "merged/junit.xml"], in: directory)
    #expect(output.status == 0)
    let merged = try Data(contentsOf: directory.appendingPathComponent("merged/junit.xml"))
    let text = String(decoding: merged, as: UTF8.self)
    #expect(
      text.contains(
        "<testsuites name=\"lora-spec\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\" time=\"1.500\">"))
    #expect(text.contains("<failure type=\"ExpectationMismatch\" message=\"m\">body</failure>"))
    let schema = RepositoryPaths.file("Sources/Reporters/JUnit/lora-spec-junit.xsd").path
    #expect(XMLSchemaValidation.errors(xml: merged, schemaPath: schema) == [])
  }

  @Test func theSameReportTwiceIsRefusedNotDoubled() throws {
    let directory = try RepositoryPaths.temporaryDirectory("cli-merge-twice")
    defer { try? FileManager.default.removeItem(at: directory) }
    let one = """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites tests="1" failures="0" errors="0" time="1.000"><testsuite name="Specs.a" tests="1" failures="0" errors="0" skipped="0" time="1.000"><testcase classname="Specs.a" name="x" time="1.000"/></testsuite></testsuites>
      """
    try Data(one.utf8).write(to: directory.appendingPathComponent("a.xml"))
    let output = try CLIRunner.run(["junit-merge", "a.xml", "a.xml", "--output", "m.xml"], in: directory)
    #expect(output.status == 2)
    #expect(output.stderr.contains("suite Specs.a is also in a.xml"))
    #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("m.xml").path))
  }

  @Test func unreadableInputIsExitTwo() throws {
    let directory = try RepositoryPaths.temporaryDirectory("cli-merge")
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data("<testsuites><broken>".utf8).write(to: directory.appendingPathComponent("bad.xml"))
    let missing = try CLIRunner.run(["junit-merge", "none.xml", "--output", "m.xml"], in: directory)
    #expect(missing.status == 2)
    let broken = try CLIRunner.run(["junit-merge", "bad.xml", "--output", "m.xml"], in: directory)
    #expect(broken.status == 2)
    #expect(broken.stderr.contains("bad.xml: line"))
    #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("m.xml").path))
  }
}
