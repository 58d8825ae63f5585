import Foundation
import RunResults
import SpecFormat
import SpecRunner
import Support
import Testing

@Suite struct UpdateTests {
  static let spec = """
    ---
    tags: [u]
    ---
    # Update me

    Prose   with  odd   spacing stays.\t

    ## Wrong and empty

    ```set
    x: 2
    y: 3
    ```

    ```expect sum
    4
    ```

    ```expect values
    ```

    ## Correct stays

    ```set
    z: 1
    ```

    ```expect sum
    1
    ```

    """

  @Test func updateRewritesOnlyFailingAndEmptyBodies() async throws {
    let fixture = try Fixture(["a.md": Self.spec])
    defer { fixture.remove() }
    let outcome = try await fixture.run(update: true)
    #expect(outcome.updatedFiles == [fixture.path("a.md")])
    #expect(outcome.summary == ["Wrong and empty: PASS", "Correct stays: PASS"])
    #expect(outcome.exitCode == 0)
    #expect(
      outcome.only("Wrong and empty")?.warnings == [
        "\(fixture.path("a.md")):15: updated expect sum with the actual result",
        "\(fixture.path("a.md")):19: updated expect values with the actual result",
      ])
    let expected = Self.spec.replacingOccurrences(of: "```expect sum\n4\n```", with: "```expect sum\n5\n```")
      .replacingOccurrences(of: "```expect values\n```", with: "```expect values\nx: 2\ny: 3\n```")
    #expect(try fixture.read("a.md") == expected)
    let again = try await fixture.run()
    #expect(again.exitCode == 0)
  }

  @Test func withoutUpdateNothingIsWritten() async throws {
    let fixture = try Fixture(["a.md": Self.spec])
    defer { fixture.remove() }
    let outcome = try await fixture.run()
    #expect(outcome.updatedFiles.isEmpty)
    #expect(try fixture.read("a.md") == Self.spec)
  }

  @Test func updateKeepsCRLFAndIndentation() async throws {
    let text = "# T\r\n\r\n## S\r\n\r\n```set\r\nx: 1\r\n```\r\n\r\n   ```expect values\r\n   x: 9\r\n   ```\r\n"
    let fixture = try Fixture(["a.md": text])
    defer { fixture.remove() }
    _ = try await fixture.run(update: true)
    #expect(try fixture.read("a.md") == text.replacingOccurrences(of: "   x: 9", with: "   x: 1"))
  }

  @Test func xfailScenariosAreNeverUpdated() async throws {
    let text = "# T\n\n## S\n<!-- lora-spec: xfail known -->\n\n```set\nx: 1\n```\n\n```expect sum\n7\n```\n"
    let fixture = try Fixture(["a.md": text])
    defer { fixture.remove() }
    let outcome = try await fixture.run(update: true)
    #expect(outcome.updatedFiles.isEmpty)
    #expect(outcome.summary == ["S: XFAIL"])
    #expect(try fixture.read("a.md") == text)
  }

  @Test func applyReplacesExactlyTheRanges() throws {
    let source = "aa\n```x\nold\n```\nbb\n"
    let start = source.utf8.count - "old\n```\nbb\n".utf8.count
    let block = SpecBlock(
      kind: "expect", body: "old\n", location: InputLocation(file: "f.md", line: 2),
      bodyRange: start..<(start + 4))
    #expect(
      SpecUpdater.apply([BlockUpdate(block: block, newBody: "new\nlines")], to: source)
        == "aa\n```x\nnew\nlines\n```\nbb\n")
  }
}
