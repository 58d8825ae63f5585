import Foundation
import RunResults
import SpecRunner
import Testing

@Suite struct EvaluationTests {
  static let spec = """
    # Sums

    ```set
    base: 1
    ```

    ## Passing scenario

    ```set
    x: 2
    ```

    ```expect sum
    3
    ```

    ## Wrong expectation

    ```set
    x: 5
    ```

    ```expect values
    base: 1
    x: 4
    ```

    ## Broken block

    ```boom
    line one
    line two
    ```

    ```expect sum
    1
    ```

    ## After the broken one

    ```warn
    careful
    ```

    ```expect sum
    1
    ```

    """

  @Test func passFailAndErrorAreReportedAndTheRunGoesOn() async throws {
    let fixture = try Fixture(["a.md": Self.spec])
    defer { fixture.remove() }
    let outcome = try await fixture.run()
    #expect(
      outcome.summary == [
        "Passing scenario: PASS", "Wrong expectation: FAIL", "Broken block: ERROR", "After the broken one: PASS",
      ])
    #expect(outcome.exitCode == 1)
  }

  @Test func failureNamesTheBlockLineAndShowsAUnifiedDiff() async throws {
    let fixture = try Fixture(["a.md": Self.spec])
    defer { fixture.remove() }
    let failure = try #require(try await fixture.run().only("Wrong expectation"))
    let file = fixture.path("a.md")
    #expect(failure.problemType == "ExpectationMismatch")
    #expect(failure.message == "expect values at \(file):23 differs (expected 2 lines, got 2)")
    #expect(failure.details.contains("\(file):23: expect values"))
    #expect(failure.details.contains("--- expected\n+++ actual\n@@ -1,2 +1,2 @@\n base: 1\n-x: 4\n+x: 5"))
    #expect(failure.location?.line == 17)
  }

  @Test func brokenBlockIsAnErrorAtTheLineItNames() async throws {
    let fixture = try Fixture(["a.md": Self.spec])
    defer { fixture.remove() }
    let error = try #require(try await fixture.run().only("Broken block"))
    #expect(error.problemType == "SpecError")
    #expect(error.message == "\(fixture.path("a.md")):32: the boom block always fails")
  }

  @Test func warningsAreKeptWithTheirCase() async throws {
    let fixture = try Fixture(["a.md": Self.spec])
    defer { fixture.remove() }
    #expect(try await fixture.run().only("After the broken one")?.warnings == ["careful"])
  }

  @Test func unknownExpectationKindAndFieldGetClosestNames() async throws {
    let text =
      "# T\n\n## Kind\n\n```expect smu\n1\n```\n\n## Field\n\n```set\nok: 1\nnmae: 2\n```\n\n## No kind\n\n```expect\n1\n```\n"
    let fixture = try Fixture(["a.md": text])
    defer { fixture.remove() }
    let outcome = try await fixture.run()
    let file = fixture.path("a.md")
    #expect(
      outcome.only("Kind")?.message
        == "\(file):5: unknown expectation kind 'smu'; did you mean 'sum'? (kinds: sum, values)")
    #expect(
      outcome.only("Field")?.message
        == "\(file):13: unknown field 'nmae' in set block; did you mean 'name'?")
    #expect(outcome.only("No kind")?.message?.contains("an expect block needs a kind") == true)
  }

  @Test func emptyExpectationHasNothingToCheck() async throws {
    let fixture = try Fixture(["a.md": "# T\n\n## Empty\n\n```set\nx: 1\n```\n\n```expect sum\n```\n"])
    defer { fixture.remove() }
    let result = try #require(try await fixture.run().only("Empty"))
    #expect(result.code == .error)
    #expect(result.message?.contains("nothing to check: the expect sum block is empty") == true)
  }

  @Test func tableRowsAreCasesWithStableNames() async throws {
    let text = """
      # T

      ## Addition

      <!-- lora-spec: add -->
      | a | b | sum |
      | - | - | --- |
      | 1 | 2 | 3 |
      | 2 | 2 | 5 |
      | x | 1 | 1 |
      """
    let fixture = try Fixture(["a.md": text])
    defer { fixture.remove() }
    let outcome = try await fixture.run()
    #expect(
      outcome.summary == [
        "Addition [row 1: a=1]: PASS", "Addition [row 2: a=2]: FAIL", "Addition [row 3: a=x]: ERROR",
      ])
    let failing = try #require(outcome.only("Addition [row 2: a=2]"))
    #expect(failing.location?.line == 9)
    #expect(failing.details.contains("2 + 2 = 4, not 5"))
  }

  @Test func skipXfailAndXpass() async throws {
    let text = """
      # T

      ## Skipped
      <!-- lora-spec: skip not today -->

      ```boom
      ```

      ## Expected failure
      <!-- lora-spec: xfail known bug -->

      ```set
      x: 1
      ```

      ```expect sum
      2
      ```

      ## Unexpected pass
      <!-- lora-spec: xfail fixed already -->

      ```set
      x: 1
      ```

      ```expect sum
      1
      ```
      """
    let fixture = try Fixture(["a.md": text])
    defer { fixture.remove() }
    let outcome = try await fixture.run()
    #expect(outcome.summary == ["Skipped: SKIP", "Expected failure: XFAIL", "Unexpected pass: XPASS"])
    #expect(outcome.only("Skipped")?.message == "not today")
    #expect(outcome.only("Expected failure")?.message == "expected failure: known bug")
    #expect(outcome.only("Unexpected pass")?.code.isFailure == true)
    #expect(outcome.exitCode == 1)
  }

  @Test func frontMatterSkipsTheWholeFile() async throws {
    let fixture = try Fixture(["a.md": "---\nskip: later\n---\n# T\n\n## S\n\n```boom\n```\n"])
    defer { fixture.remove() }
    let outcome = try await fixture.run()
    #expect(outcome.summary == ["S: SKIP"])
    #expect(outcome.exitCode == 0)
  }

  @Test func brokenFilesAreErrorsThatDoNotStopOthers() async throws {
    let fixture = try Fixture([
      "a.md": "# Nothing runs here\n", "b.md": "# T\n\n## S\n\n```set\nx: 1\n```\n\n```expect sum\n1\n```\n",
      "c.md": "---\ntagz: [a]\n---\n# T\n\n## S\n\n```set\nx: 1\n```\n",
    ])
    defer { fixture.remove() }
    let outcome = try await fixture.run()
    #expect(outcome.summary == ["(spec file): ERROR", "S: PASS", "S: ERROR"])
    #expect(outcome.result.suites[2].cases[0].message?.contains("did you mean 'tags'?") == true)
    #expect(outcome.exitCode == 1)
  }

  @Test func unreadableFileIsAnErrorAndExitCodeTwo() async throws {
    let fixture = try Fixture(["b.md": "# T\n\n## S\n\n```set\nx: 1\n```\n"])
    defer { fixture.remove() }
    try Data([0x23, 0x20, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: fixture.path("a.md")))
    let outcome = try await fixture.run()
    #expect(outcome.summary == ["(spec file): ERROR", "S: PASS"])
    #expect(outcome.result.suites[0].cases[0].message?.contains("not valid UTF-8") == true)
    #expect(outcome.exitCode == 2)
  }

  @Test func missingPathIsAUsageError() async throws {
    let runner = SpecRunner(handlers: DemoHandlers.registry())
    await #expect(throws: SpecDiscovery.MissingPath.self) {
      _ = try await runner.run(RunOptions(paths: ["/nonexistent/lora-spec/specs"]))
    }
  }

  @Test func parallelRunsGiveTheSameOrderAsSerialRuns() async throws {
    var files: [String: String] = [:]
    for index in 0..<12 {
      files["s\(index).md"] =
        "# F\(index)\n\n"
        + (0..<5).map { "## S\($0)\n\n```set\nx: \($0)\n```\n\n```expect sum\n\($0)\n```\n\n" }.joined()
    }
    let fixture = try Fixture(files)
    defer { fixture.remove() }
    let serial = try await fixture.run(jobs: 1)
    let parallel = try await fixture.run(jobs: 8)
    #expect(serial.summary.count == 60)
    #expect(serial.summary == parallel.summary)
    #expect(serial.result.suites.map(\.file) == parallel.result.suites.map(\.file))
  }
}
