import Foundation
import TestSupport
import Testing

/// End-to-end tests of `lora-spec run` that hold whatever LoRA handlers are registered:
/// they use specs broken at the Markdown level (an empty suite, an unknown directive).
@Suite struct RunCommandTests {
  let directory: URL

  init() throws {
    directory = try RepositoryPaths.temporaryDirectory("cli")
    let specs = directory.appendingPathComponent("Specs")
    try FileManager.default.createDirectory(at: specs, withIntermediateDirectories: true)
    try Data("# Only prose\n\nNothing runs.\n".utf8).write(to: specs.appendingPathComponent("empty.md"))
    try Data("# T\n\n## Bad directive\n\n<!-- lora-spec: no-such-directive -->\n".utf8).write(
      to: specs.appendingPathComponent("bad.md"))
  }

  func cleanUp() { try? FileManager.default.removeItem(at: directory) }

  @Test func brokenSpecsFailWithExitOneAndWriteTheDefaultJUnitReport() throws {
    defer { cleanUp() }
    let output = try CLIRunner.run(["run"], in: directory, environment: ["GITHUB_ACTIONS": "", "NO_COLOR": "1"])
    #expect(output.status == 1)
    #expect(output.stdout.contains("Specs/empty.md:1: empty suite"))
    #expect(output.stdout.contains("unknown lora-spec directive 'no-such-directive'"))
    #expect(!output.stdout.contains("\u{1B}["))
    let report = try Data(contentsOf: directory.appendingPathComponent("Reports/junit.xml"))
    let schema = RepositoryPaths.file("Sources/Reporters/JUnit/lora-spec-junit.xsd").path
    #expect(XMLSchemaValidation.errors(xml: report, schemaPath: schema) == [])
    let text = String(decoding: report, as: UTF8.self)
    #expect(text.contains("<testsuite name=\"Specs.bad\""))
    #expect(text.contains("name=\"(spec file)\""))
  }

  @Test func missingPathAndBadOptionsAreUsageErrors() throws {
    defer { cleanUp() }
    let missing = try CLIRunner.run(["run", "NoSuchDir"], in: directory)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("NoSuchDir: no such file or directory"))
    for arguments in [["--shard", "5/4"], ["--format", "xml"], ["--junit-flavor", "loose"], ["--jobs", "0"]] {
      let output = try CLIRunner.run(["run"] + arguments, in: directory)
      #expect(output.status == 2, "\(arguments)")
    }
  }

  @Test func jsonFormatPrintsOneObject() throws {
    defer { cleanUp() }
    let output = try CLIRunner.run(["run", "--format", "json", "--junit", "out/j.xml"], in: directory)
    #expect(output.status == 1)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    #expect(object["exit_code"] as? Int == 1)
    #expect(object["schema"] as? String == "lora-spec-run/1")
    #expect((object["counts"] as? [String: Any])?["error"] as? Int == 2)
    #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/j.xml").path))
  }

  @Test func strictFlavourAndShardedDefaultReportPath() throws {
    defer { cleanUp() }
    var found: [String] = []
    for index in 1...2 {
      let output = try CLIRunner.run(["run", "--shard", "\(index)/2", "--junit-flavor", "strict"], in: directory)
      #expect(output.status == 0 || output.status == 1)
      let path = directory.appendingPathComponent("Reports/junit-shard-\(index)-of-2.xml")
      let text = try String(contentsOf: path, encoding: .utf8)
      #expect(!text.contains(" line="))
      if text.contains("<testsuite ") { #expect(text.contains("<property name=\"shard\" value=\"\(index)/2\"/>")) }
      for name in ["Specs.bad", "Specs.empty"] where text.contains("testsuite name=\"\(name)\"") { found.append(name) }
    }
    #expect(found.sorted() == ["Specs.bad", "Specs.empty"])
  }

  @Test func githubActionsGetsAnnotationsAndAStepSummary() throws {
    defer { cleanUp() }
    let summary = directory.appendingPathComponent("summary.md")
    try Data("# earlier step\n".utf8).write(to: summary)
    let output = try CLIRunner.run(
      ["run"], in: directory, environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary.path])
    #expect(output.status == 1)
    #expect(output.stdout.contains("::error file=Specs/bad.md,line=5,title=Specs.bad%3A Bad directive (ERROR)::"))
    let text = try String(contentsOf: summary, encoding: .utf8)
    #expect(text.hasPrefix("# earlier step\n## lora-spec: 2 failing"))
  }
}
