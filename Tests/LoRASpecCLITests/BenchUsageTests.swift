import Foundation
import TestSupport
import Testing

/// `bench` checks what it can before measuring: a typo never costs a whole run, and never
/// comes back as the exit status that means "regression".
@Suite struct BenchUsageTests {
  let directory: URL

  init() throws { directory = try RepositoryPaths.temporaryDirectory("bench-usage") }

  @Test func aMissingBaselineIsAnUnreadableInputBeforeAnythingIsMeasured() throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    let started = Date()
    let output = try CLIRunner.run(["bench", "--baseline", "missing.json"], in: directory)
    #expect(output.status == 2)
    #expect(output.stderr.hasSuffix("missing.json: cannot read the baseline (no such file or directory)\n"))
    #expect(Date().timeIntervalSince(started) < 30)  // a full run takes minutes; this never measured
    #expect(output.stdout.isEmpty)
  }

  @Test(arguments: [["--markdown", "x.md"], ["--comparison-json", "x.json"], ["--strict"]])
  func comparisonOptionsWithoutABaselineAreUsageErrors(arguments: [String]) throws {
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = try CLIRunner.run(["bench"] + arguments, in: directory)
    #expect(output.status == 2)
    #expect(output.stderr.contains("needs --baseline FILE"))
  }
}
