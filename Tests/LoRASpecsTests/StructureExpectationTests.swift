import Foundation
import RunResults
import Testing

/// `expect adapted`, `adapted-frozen`, `not-adapted`, `trainable`, `decisions`.
@Suite struct StructureExpectationTests {
  @Test func adaptedPassesWhenTheKeysMatchInAnyOrder() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## S

        ```lora
        target_modules: [q_proj, v_proj]
        ```

        ```expect adapted
        # comments and order do not matter
        \(Specs.v)
        \(Specs.q)
        ```
        """))
    #expect(outcome.summary == ["S: PASS"])
    #expect(outcome.exitCode == 0)
  }

  @Test func adaptedFailureListsMissingAndUnexpectedKeys() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## S

        ```lora
        target_modules: [q_proj, v_proj]
        ```

        ```expect adapted
        \(Specs.q)
        \(Specs.k)
        ```
        """))
    let result = try #require(outcome.only("S"))
    #expect(result.code == .fail)
    #expect(result.problemType == "ExpectationMismatch")
    #expect(result.message?.contains("adapted modules: 1 missing, 1 unexpected") == true)
    #expect(result.details.contains("missing (1):\n  - \(Specs.k)"))
    #expect(result.details.contains("unexpected (1):\n  + \(Specs.v)"))
    #expect(!result.details.contains("- \(Specs.q)"))
    #expect(result.failureLocation?.line == 14)
    #expect(outcome.exitCode == 1)
  }

  @Test func countChecksOnlyHowManyModulesWereAdapted() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Right

        ```lora
        target_modules: [q_proj, k_proj, v_proj]
        ```

        ```expect adapted
        count: 3
        ```

        ## Wrong

        ```lora
        target_modules: [q_proj, k_proj, v_proj]
        ```

        ```expect adapted
        count: 4
        ```

        ## Not a number

        ```lora
        target_modules: [q_proj]
        ```

        ```expect adapted
        count: many
        ```
        """))
    #expect(outcome.summary == ["Right: PASS", "Wrong: FAIL", "Not a number: FAIL"])
    #expect(outcome.only("Wrong")?.message?.contains("expected 4 adapted modules, got 3") == true)
    #expect(outcome.only("Wrong")?.details.contains(Specs.k) == true)
    #expect(outcome.only("Not a number")?.message?.contains("`count:` needs an integer, got 'many'") == true)
  }

  @Test func adaptedFrozenListsOnlyAdaptedModulesFrozenBeforeInjection() async throws {
    let outcome = try await SpecHarness.run(
      """
      # Frozen

      ```model
      architecture: llama
      config: {num_hidden_layers: 1}
      freeze: [model.layers.0.self_attn.q_proj, model.layers.0.mlp]
      ```

      ## Pass

      ```lora
      target_modules: [q_proj, v_proj]
      ```

      ```expect adapted-frozen
      \(Specs.q)
      ```

      ## Fail

      ```lora
      target_modules: [q_proj, v_proj]
      ```

      ```expect adapted-frozen
      \(Specs.v)
      ```
      """)
    #expect(outcome.summary == ["Pass: PASS", "Fail: FAIL"])
    let details = try #require(outcome.only("Fail")?.details)
    #expect(details.contains("- \(Specs.v)"))
    #expect(details.contains("+ \(Specs.q)"))
  }

  @Test func notAdaptedChecksEachKeyExistsAndGotNoAdapter() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Holds

        ```lora
        target_modules: [q_proj]
        ```

        ```expect not-adapted
        \(Specs.v)
        lm_head
        ```

        ## Adapted after all

        ```lora
        target_modules: [q_proj]
        ```

        ```expect not-adapted
        \(Specs.q)
        ```

        ## Misspelt key

        ```lora
        target_modules: [q_proj]
        ```

        ```expect not-adapted
        model.layers.0.self_attn.v_prj
        ```
        """))
    #expect(outcome.summary == ["Holds: PASS", "Adapted after all: FAIL", "Misspelt key: FAIL"])
    #expect(outcome.only("Adapted after all")?.message?.contains("'\(Specs.q)' got an adapter") == true)
    #expect(
      outcome.only("Misspelt key")?.message?.contains(
        "no module named 'model.layers.0.self_attn.v_prj' in the model (did you mean '\(Specs.v)'?)") == true)
  }

  /// One layer, hidden 64, 4 heads of 16 with 2 key/value heads, MLP 128, vocab 128,
  /// untied head: 8,192 (embeddings) + 36,992 (layer) + 64 (norm) + 8,192 (head).
  /// LoRA r=2 on q_proj (64 -> 64): 2*64 + 64*2 = 256.
  @Test func trainableComparesPeftsPrintedLine() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Right

        ```lora
        target_modules: [q_proj]
        r: 2
        ```

        ```expect trainable
        trainable params: 256 || all params: 53,696 || trainable%: 0.4768
        ```

        ## Wrong

        ```lora
        target_modules: [q_proj]
        r: 2
        ```

        ```expect trainable
        trainable params: 512 || all params: 53,696 || trainable%: 0.9535
        ```

        ## Without an adapter

        ```expect trainable
        trainable params: 53,440 || all params: 53,440 || trainable%: 100.0000
        ```
        """))
    #expect(outcome.summary == ["Right: PASS", "Wrong: FAIL", "Without an adapter: PASS"])
    let details = try #require(outcome.only("Wrong")?.details)
    #expect(details.contains("-trainable params: 512"))
    #expect(details.contains("+trainable params: 256 || all params: 53,696 || trainable%: 0.4768"))
  }

  @Test func decisionsCompareTheReasonOfEachListedModule() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Right

        ```lora
        target_modules: [q_proj]
        exclude_modules: [v_proj]
        ```

        ```expect decisions
        \(Specs.q): matched by suffix "q_proj"
        \(Specs.k): not targeted
        ```

        ## Wrong reason

        ```lora
        target_modules: [q_proj]
        ```

        ```expect decisions
        \(Specs.q): matched by all-linear
        ```

        ## Unknown module

        ```lora
        target_modules: [q_proj]
        ```

        ```expect decisions
        model.layers.0.self_attn.x_proj: not targeted
        ```
        """))
    #expect(outcome.summary == ["Right: PASS", "Wrong reason: FAIL", "Unknown module: FAIL"])
    #expect(
      outcome.only("Wrong reason")?.message?.contains(
        "\(Specs.q): expected \"matched by all-linear\", got \"matched by suffix \"q_proj\"\"") == true)
    #expect(
      outcome.only("Unknown module")?.message?.contains("no module named 'model.layers.0.self_attn.x_proj'")
        == true)
  }
}
