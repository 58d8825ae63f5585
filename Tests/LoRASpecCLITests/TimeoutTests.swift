import Foundation
import TestSupport
import Testing

/// A scenario that runs too long is stopped at the time limit, reported as an error, and the
/// run goes on.
@Suite struct TimeoutTests {
  @Test func aScenarioOverTheTimeLimitIsAnErrorAndTheOthersStillRun() throws {
    let directory = try RepositoryPaths.temporaryDirectory("timeout")
    defer { try? FileManager.default.removeItem(at: directory) }
    let spec = """
      # Long

      ```model
      modules:
        - {name: fc1, type: Linear, in_features: 512, out_features: 512, bias: true}
      ```

      ## Forever

      ```lora
      target_modules: [fc1]
      ```

      ```do
      train: {steps: 100000}
      ```

      ```expect numerics
      base_weights_vs_original: 0 ± 1e-6
      ```

      ## Quick

      ```lora
      target_modules: [fc1]
      ```

      ```expect adapted
      fc1
      ```

      """
    try Data(spec.utf8).write(to: directory.appendingPathComponent("long.md"))
    let output = try CLIRunner.run(
      ["run", "long.md", "--timeout", "1", "--no-ci"], in: directory,
      environment: ["GITHUB_ACTIONS": "", "NO_COLOR": "1"])
    #expect(output.status == 1)
    #expect(output.stdout.contains("ERROR Forever"))
    #expect(output.stdout.contains("did not finish within 1.000s (--timeout)"))
    #expect(output.stdout.contains("PASS  Quick"))
  }

  @Test func aTimeLimitMustBePositive() throws {
    let directory = try RepositoryPaths.temporaryDirectory("timeout-usage")
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = try CLIRunner.run(["run", "--timeout", "0"], in: directory)
    #expect(output.status == 2)
    #expect(output.stderr.contains("--timeout must be a positive number of seconds"))
  }
}
