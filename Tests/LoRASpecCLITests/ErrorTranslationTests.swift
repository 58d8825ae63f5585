import Foundation
import TestSupport
import Testing

/// Every command's failures are translated in one place: `error: ...` on stderr and the
/// documented exit status, with ArgumentParser's own errors printed the same way.
@Suite struct ErrorTranslationTests {
  let directory: URL

  init() throws {
    directory = try RepositoryPaths.temporaryDirectory("cli-errors")
  }

  func cleanUp() { try? FileManager.default.removeItem(at: directory) }

  @Test func aWrongEnumValueIsAUsageErrorWithTheUsageLineButNoHelpText() throws {
    defer { cleanUp() }
    let output = try CLIRunner.run(["run", "--format", "xml"], in: directory)
    #expect(output.status == 2)
    #expect(output.stderr.hasPrefix("error: The value 'xml' is invalid for '--format <format>'"))
    #expect(output.stderr.contains("'human' and 'json'"))
    #expect(output.stderr.contains("Usage: lora-spec run"))
    #expect(output.stderr.contains("See 'lora-spec run --help' for more information."))
    #expect(!output.stderr.contains("Help:"))
    #expect(output.stdout.isEmpty)
  }

  @Test func aBenchUsageErrorPrintsOneLineAndNoUsageBlock() throws {
    defer { cleanUp() }
    let output = try CLIRunner.run(["bench", "--features", "0"], in: directory)
    #expect(output.status == 2)
    #expect(output.stderr == "error: --features must be positive, got 0\n")
  }

  @Test func anUnreadablePeerFileIsAnInputErrorWithoutUsage() throws {
    defer { cleanUp() }
    let output = try CLIRunner.run(["bench", "--peer", "none.json"], in: directory)
    #expect(output.status == 2)
    #expect(output.stderr.hasPrefix("error: cannot read peer file none.json"))
    #expect(!output.stderr.contains("Usage:"))
  }

  @Test func planEngineFailuresAreExitOneOnStderrOrAsTheJSONErrorObject() throws {
    defer { cleanUp() }
    try Data(#"{"r": 8, "target_modules": ["nope_proj"]}"#.utf8).write(
      to: directory.appendingPathComponent("adapter_config.json"))
    let text = try CLIRunner.run(["plan", "--model", "llama", "--config", "."], in: directory)
    #expect(text.status == 1)
    #expect(text.stderr.hasPrefix("error: NoMatchingPeftModuleError: "))
    #expect(text.stdout.isEmpty)
    let json = try CLIRunner.run(["plan", "--model", "llama", "--config", ".", "--format", "json"], in: directory)
    #expect(json.status == 1)
    #expect(json.stderr.isEmpty)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect((object["error"] as? [String: Any])?["type"] as? String == "NoMatchingPeftModuleError")
  }

  @Test func aPlanInputErrorIsExitTwo() throws {
    defer { cleanUp() }
    let output = try CLIRunner.run(["plan", "--model", "llama", "--config", "none.json"], in: directory)
    #expect(output.status == 2)
    #expect(output.stderr == "error: none.json: cannot read the file: no such file or directory\n")
  }
}
