import Foundation
import TestSupport
import Testing

/// What keeps a CI run honest: nothing selected is never green, `--update` never rewrites specs
/// on CI, and a scenario that checks nothing is an error.
@Suite struct CIModeTests {
  let directory: URL
  let spec: URL

  static let text = """
    # CI mode

    ```model
    architecture: llama
    config: {num_hidden_layers: 1}
    ```

    ## Has an expectation

    ```lora
    target_modules: [q_proj]
    ```

    ```expect adapted
    count: 1
    ```

    """

  init() throws {
    directory = try RepositoryPaths.temporaryDirectory("ci-mode")
    let specs = directory.appendingPathComponent("Specs")
    try FileManager.default.createDirectory(at: specs, withIntermediateDirectories: true)
    spec = specs.appendingPathComponent("ci.md")
    try Data(Self.text.utf8).write(to: spec)
  }

  func cleanUp() { try? FileManager.default.removeItem(at: directory) }

  let quiet = ["GITHUB_ACTIONS": "", "NO_COLOR": "1", "CI": ""]

  @Test func aRunThatSelectsNothingFailsAndNamesTheFilters() throws {
    defer { cleanUp() }
    let output = try CLIRunner.run(["run", "--filter", "no-such-scenario"], in: directory, environment: quiet)
    #expect(output.status == 2)
    #expect(output.stderr.contains("no scenario was selected"))
    #expect(output.stderr.contains("--filter no-such-scenario"))
    #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("Reports/junit.xml").path))
  }

  @Test func updateIsRefusedWhenCIIsSetAndTheSpecIsUntouched() throws {
    defer { cleanUp() }
    let wrong = Self.text.replacingOccurrences(of: "count: 1", with: "count: 2")
    try Data(wrong.utf8).write(to: spec)
    var environment = quiet
    environment["CI"] = "true"
    let refused = try CLIRunner.run(["run", "--update"], in: directory, environment: environment)
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("--update rewrites spec files and is refused in CI mode"))
    #expect(try String(contentsOf: spec, encoding: .utf8) == wrong)
    let allowed = try CLIRunner.run(["run", "--update", "--no-ci"], in: directory, environment: environment)
    #expect(allowed.status == 0)  // the wrong count is rewritten (as `jest -u` does)
    #expect(try String(contentsOf: spec, encoding: .utf8).contains("count: 1"))
  }

  @Test func inCIModeAScenarioWithoutAnExpectBlockIsAnErrorNotAPass() throws {
    defer { cleanUp() }
    try Data((Self.text + "## Checks nothing\n\n```lora\ntarget_modules: [v_proj]\n```\n").utf8).write(to: spec)
    var environment = quiet
    environment["CI"] = "true"
    let output = try CLIRunner.run(["run"], in: directory, environment: environment)
    #expect(output.status == 1)
    #expect(output.stdout.contains("this scenario checks nothing"))
    let local = try CLIRunner.run(["run", "--no-ci"], in: directory, environment: environment)
    #expect(local.status == 0)
  }
}
