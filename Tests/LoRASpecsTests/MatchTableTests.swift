import Foundation
import RunResults
import Testing

/// `<!-- lora-spec: match -->` tables: one case per row.
@Suite struct MatchTableTests {
  static func table(_ header: String, _ rows: [String]) -> String {
    let columns = header.split(separator: "|").count
    let rule = "|" + Array(repeating: " --- |", count: columns).joined()
    return """
      # Matching

      ## Rows

      <!-- lora-spec: match -->
      | \(header) |
      \(rule)
      \(rows.map { "| \($0) |" }.joined(separator: "\n"))

      """
  }

  @Test func eachRowIsACaseWithItsOwnOutcome() async throws {
    let outcome = try await SpecHarness.run(
      Self.table(
        "key | target_modules | exclude_modules | matched",
        [
          "model.layers.0.self_attn.q_proj | [q_proj] | | match",
          "model.layers.0.self_attn.q_proj | [k_proj] | | no_match",
          "model.layers.0.self_attn.q_proj | [q_proj] | [q_proj] | excluded",
          "model.layers.0.self_attn.q_proj | [q_proj] | | no_match",
        ]))
    #expect(
      outcome.summary == [
        "Rows [row 1: key=model.layers.0.self_attn.q_proj]: PASS",
        "Rows [row 2: key=model.layers.0.self_attn.q_proj]: PASS",
        "Rows [row 3: key=model.layers.0.self_attn.q_proj]: PASS",
        "Rows [row 4: key=model.layers.0.self_attn.q_proj]: FAIL",
      ])
    let failed = try #require(outcome.cases.last)
    #expect(failed.message?.contains("expected no_match, got match") == true)
    #expect(failed.location?.line == 11)
  }

  @Test func reasonColumnChecksTheDecisionsWording() async throws {
    let outcome = try await SpecHarness.run(
      Self.table(
        "key | target_modules | matched | reason",
        [
          "a.q_proj | [q_proj] | match | matched by suffix \"q_proj\"",
          "a.q_proj | [q_proj] | match | matched exactly",
          "a.q_proj | [q_proj] | match | ",
        ]))
    #expect(outcome.cases.map(\.code) == [.pass, .fail, .pass])
    #expect(
      outcome.cases[1].details.contains("reason: expected \"matched exactly\", got \"matched by suffix \"q_proj\"\""))
  }

  @Test func rawCellsKeepRegexMetacharactersAndBackticksAreStripped() async throws {
    let outcome = try await SpecHarness.run(
      Self.table(
        "key | target_modules | matched",
        [
          // Unwrapped: Markdown would render `*` as emphasis; the cell is read raw.
          "foobar | '.*oba.*' | match",
          "foo_bar_baz | '.*_bar_.*' | match",
          // Backtick-wrapped, with an escaped dot and an escaped pipe.
          "model.layers.0.self_attn.q_proj | `'.*\\.q_proj'` | match",
          "model.layers.0.self_attnXq_proj | `'.*\\.q_proj'` | no_match",
          "a.k | `'a\\.(q\\|k)'` | match",
          "a.v | `'a\\.(q\\|k)'` | no_match",
        ]))
    #expect(outcome.cases.map(\.code) == Array(repeating: .pass, count: 6), "\(outcome.cases.map(\.details))")
  }

  /// `\|` in the source is a pipe inside a cell, so a regex's own escaped pipe is `\\|`.
  @Test func escapedPipeIsUnescapedOnce() async throws {
    let outcome = try await SpecHarness.run(
      Self.table(
        "key | target_modules | matched",
        [
          "a\\|b | `'a\\\\|b'` | match",
          "a | `'a\\\\|b'` | no_match",
        ]))
    #expect(outcome.cases.map(\.code) == [.pass, .pass], "\(outcome.cases.map(\.details))")
  }

  @Test func layerColumnsApply() async throws {
    let outcome = try await SpecHarness.run(
      Self.table(
        "key | target_modules | layers_to_transform | layers_pattern | matched",
        [
          "foo.bar.1.baz | [baz] | [1] | [bar] | match",
          "foo.bar.10.baz | [baz] | [1] | [bar] | no_match",
          "model.layers.3.mlp.down_proj | [down_proj] | 3 | | match",
        ]))
    #expect(outcome.cases.map(\.code) == [.pass, .pass, .pass], "\(outcome.cases.map(\.details))")
  }

  @Test func badRowsAreErrorsOfTheirOwnRowOnly() async throws {
    let outcome = try await SpecHarness.run(
      Self.table(
        "key | target_modules | matched",
        [
          "a.q_proj | [q_proj] | maybe",
          "a.q_proj | [q_proj | match",
          "a.q_proj | [q_proj] | match",
        ]))
    #expect(outcome.cases.map(\.code) == [.error, .error, .pass])
    #expect(outcome.cases[0].message?.contains("matched must be one of match, no_match, excluded, got 'maybe'") == true)
    #expect(outcome.cases[1].message?.contains("column 'target_modules': not valid YAML") == true)
  }

  @Test func tableWithoutKeyOrMatchedColumnIsAnError() async throws {
    let outcome = try await SpecHarness.run(Self.table("name | target_modules | matched", ["a.q | [q] | match"]))
    #expect(outcome.cases.map(\.code) == [.error])
    #expect(outcome.cases[0].message?.contains("needs the columns `key` and `matched`") == true)
  }

  @Test func misspeltConfigColumnIsAnErrorWithASuggestion() async throws {
    let outcome = try await SpecHarness.run(
      Self.table("key | target_module | matched", ["a.q | [q] | match"]))
    #expect(outcome.cases.map(\.code) == [.error])
    #expect(outcome.cases[0].message?.contains("did you mean 'target_modules'?") == true)
  }

  @Test func configErrorInARowIsAFailure() async throws {
    let outcome = try await SpecHarness.run(
      Self.table(
        "key | target_modules | layers_pattern | matched",
        ["a.layers.0.q | [q] | [layers] | match"]))
    #expect(outcome.cases.map(\.code) == [.fail])
    #expect(outcome.cases[0].message?.contains("layers_pattern") == true)
  }
}
