import Foundation
import RunResults
import Testing

/// `expect error` (substring, `exact`, set braces in any order) and engine errors no
/// spec expected.
@Suite struct ErrorExpectationTests {
  static let notFound =
    "Target modules {'query', 'key'} not found in the base model. Please check the target modules and try again."

  @Test func errorPassesOnASubstringOfPeftsMessage() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## S

        ```lora
        target_modules: [query]
        ```

        ```expect error
        not found in the base model
        ```
        """))
    #expect(outcome.summary == ["S: PASS"])
  }

  @Test func setBracesCompareInAnyOrder() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Substring

        ```lora
        target_modules: [query, key]
        ```

        ```expect error
        Target modules {'key', 'query'} not found
        ```

        ## Exact, other order

        ```lora
        target_modules: [query, key]
        ```

        ```expect error exact
        Target modules {'key', 'query'} not found in the base model. Please check the target modules and try again.
        ```

        ## Exact, same order

        ```lora
        target_modules: [query, key]
        ```

        ```expect error exact
        \(Self.notFound)
        ```
        """))
    #expect(outcome.summary == ["Substring: PASS", "Exact, other order: PASS", "Exact, same order: PASS"])
  }

  @Test func exactFailsOnAMereSubstring() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## S

        ```lora
        target_modules: [query]
        ```

        ```expect error exact
        not found in the base model
        ```
        """))
    let result = try #require(outcome.only("S"))
    #expect(result.code == .fail)
    #expect(result.message?.contains("the error message differs") == true)
    #expect(result.details.contains("expected exactly:\n  not found in the base model"))
    #expect(
      result.details.contains("got NoMatchingPeftModuleError:\n  Target modules {'query'} not found in the base model.")
    )
  }

  @Test func wrongTextFailsWithBothMessages() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## S

        ```lora
        target_modules: [query]
        ```

        ```expect error
        All modules were excluded
        ```
        """))
    let result = try #require(outcome.only("S"))
    #expect(result.code == .fail)
    #expect(result.details.contains("expected a message containing:\n  All modules were excluded"))
    #expect(result.details.contains("Target modules {'query'} not found"))
  }

  @Test func errorFailsWhenTheEngineRaisesNone() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## S

        ```lora
        target_modules: [q_proj, v_proj]
        ```

        ```expect error
        not found
        ```
        """))
    let result = try #require(outcome.only("S"))
    #expect(result.code == .fail)
    #expect(result.message?.contains("expected an error, but the engine raised none") == true)
    #expect(result.details.contains("the scenario ran without an error (2 modules adapted)"))
  }

  @Test func configErrorsAreExpectable() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## r must be positive

        ```lora
        target_modules: [q_proj]
        r: 0
        ```

        ```expect error
        `r` should be a positive integer value but the value passed is 0
        ```

        ## Misspelt field

        ```lora
        tagret_modules: [q_proj]
        ```

        ```expect error
        unknown field 'tagret_modules' in the LoRA config; did you mean 'target_modules'?
        ```
        """))
    #expect(outcome.summary == ["r must be positive: PASS", "Misspelt field: PASS"])
  }

  @Test func unexpectedEngineErrorIsAFailureWithPeftsMessage() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## S

        ```lora
        target_modules: [query]
        ```

        ```expect adapted
        \(Specs.q)
        ```
        """))
    let result = try #require(outcome.only("S"))
    #expect(result.code == .fail)
    #expect(result.problemType == "ExpectationMismatch")
    #expect(
      result.message?.contains(
        "the engine raised NoMatchingPeftModuleError: Target modules {'query'} not found in the base model.") == true)
    // Where the failing setup is: the lora block at line 10.
    #expect(result.details.contains("spec.md:10)"))
  }

  @Test func failingStepIsAnEngineErrorToo() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Expected

        ```lora
        target_modules: [q_proj]
        ```

        ```do
        set_adapter: missing
        ```

        ```expect error
        missing
        ```

        ## Unexpected

        ```lora
        target_modules: [q_proj]
        ```

        ```do
        delete_adapter: missing
        ```

        ```expect adapted
        \(Specs.q)
        ```
        """))
    #expect(outcome.summary == ["Expected: PASS", "Unexpected: FAIL"])
    #expect(outcome.only("Unexpected")?.message?.contains("the engine raised") == true)
  }
}
