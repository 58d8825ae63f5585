import Foundation
import Reporters
import TestSupport
import Testing

@Suite struct GitHubStepSummaryTests {
  @Test func appendsAfterEarlierStepsAndCreatesAMissingFile() throws {
    let directory = try RepositoryPaths.temporaryDirectory("step-summary")
    defer { try? FileManager.default.removeItem(at: directory) }
    let existing = directory.appendingPathComponent("existing.md")
    try Data("# earlier step\n".utf8).write(to: existing)
    try GitHubStepSummary(path: existing.path).append("## this step\n")
    #expect(try String(contentsOf: existing, encoding: .utf8) == "# earlier step\n## this step\n")
    let missing = directory.appendingPathComponent("new.md")
    try GitHubStepSummary(path: missing.path).append("first\n")
    #expect(try String(contentsOf: missing, encoding: .utf8) == "first\n")
  }

  @Test func anUnwritablePathIsAnErrorNamingIt() {
    let path = "/no-such-directory/summary.md"
    #expect(throws: GitHubStepSummaryError(path: path)) { try GitHubStepSummary(path: path).append("x") }
  }

  @Test func onlyASetVariableNamesASummary() {
    #expect(GitHubStepSummary.fromEnvironment([:]) == nil)
    #expect(GitHubStepSummary.fromEnvironment(["GITHUB_STEP_SUMMARY": ""]) == nil)
    #expect(GitHubStepSummary.fromEnvironment(["GITHUB_STEP_SUMMARY": "/s.md"])?.path == "/s.md")
  }
}
