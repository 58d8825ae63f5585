import Foundation
import RunResults
import Testing

/// `expect layer-status`, `model-status`, `ranks`, `warning`, and how `lora name=X` and
/// `do` steps show in them.
@Suite struct StatusExpectationTests {
  @Test func secondAdapterAndSetAdapterShowInModelStatus() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Added

        ```lora
        target_modules: [q_proj]
        ```

        ```lora name=other
        target_modules: [v_proj]
        ```

        ```expect model-status
        active_adapters: [default]
        available_adapters: [default, other]
        requires_grad: {default: true, other: false}
        num_adapter_layers: 2
        ```

        ## Switched

        ```lora
        target_modules: [q_proj]
        ```

        ```lora name=other
        target_modules: [v_proj]
        ```

        ```do
        set_adapter: other
        ```

        ```expect model-status
        active_adapters: ['other']
        requires_grad: {'default': False, 'other': True}
        ```

        ## Wrong

        ```lora
        target_modules: [q_proj]
        ```

        ```lora name=other
        target_modules: [v_proj]
        ```

        ```do
        set_adapter: other
        ```

        ```expect model-status
        active_adapters: [default]
        enabled: True
        ```
        """))
    #expect(outcome.summary == ["Added: PASS", "Switched: PASS", "Wrong: FAIL"])
    let wrong = try #require(outcome.only("Wrong"))
    #expect(wrong.message?.contains("active_adapters: expected [default], got ['other']") == true)
    #expect(!wrong.details.contains("enabled: expected"))
  }

  @Test func disableShowsInModelStatus() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Disabled

        ```lora
        target_modules: [q_proj]
        ```

        ```do
        disable
        ```

        ```expect model-status
        enabled: False
        ```

        ## Enabled again

        ```lora
        target_modules: [q_proj]
        ```

        ```do
        disable
        enable
        ```

        ```expect model-status
        enabled: true
        ```
        """))
    #expect(outcome.summary == ["Disabled: PASS", "Enabled again: PASS"])
  }

  @Test func unknownModelStatusFieldIsABrokenBlockWithASuggestion() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## S

        ```lora
        target_modules: [q_proj]
        ```

        ```expect model-status
        active_adapter: [default]
        ```
        """))
    let result = try #require(outcome.only("S"))
    #expect(result.code == .error)
    #expect(
      result.message?.contains("unknown field 'active_adapter' in expect block; did you mean 'active_adapters'?")
        == true)
    #expect(result.failureLocation?.line == 15)
  }

  @Test func layerStatusComparesTheColumnsOfTheHeader() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Chosen columns

        ```lora
        target_modules: [q_proj]
        ```

        ```lora name=other
        target_modules: [q_proj, v_proj]
        ```

        ```expect layer-status
        name                                  | active_adapters | requires_grad                     | available_adapters
        model.model.layers.0.self_attn.q_proj | ['default']     | {'default': True, 'other': False} | ['default', 'other']
        model.model.layers.0.self_attn.v_proj | ['default']     | {'other': False}                  | ['other']
        ```

        ## Wrong cell

        ```lora
        target_modules: [q_proj]
        ```

        ```expect layer-status
        name                                  | enabled
        model.model.layers.0.self_attn.q_proj | False
        ```

        ## Unknown column

        ```lora
        target_modules: [q_proj]
        ```

        ```expect layer-status
        name | enabld
        ```
        """))
    #expect(outcome.summary == ["Chosen columns: PASS", "Wrong cell: FAIL", "Unknown column: ERROR"])
    let details = try #require(outcome.only("Wrong cell")?.details)
    #expect(details.contains("-model.model.layers.0.self_attn.q_proj | False"))
    #expect(details.contains("+model.model.layers.0.self_attn.q_proj | True"))
    #expect(outcome.only("Unknown column")?.message?.contains("did you mean 'enabled'?") == true)
  }

  /// PEFT: scaling = lora_alpha / r, or lora_alpha / sqrt(r) with `use_rslora`.
  @Test func ranksShowPatternsAndScaling() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Patterns

        ```lora
        target_modules: [q_proj, v_proj]
        r: 4
        lora_alpha: 8
        rank_pattern: {v_proj: 2}
        ```

        ```expect ranks
        \(Specs.q): r=4 alpha=8.0 scaling=2.0
        \(Specs.v): scaling=4.0 r=2 alpha=8.0
        ```

        ## rslora

        ```lora
        target_modules: [q_proj]
        r: 16
        lora_alpha: 8
        use_rslora: true
        ```

        ```expect ranks
        \(Specs.q): r=16 alpha=8.0 scaling=2.0
        ```

        ## Wrong

        ```lora
        target_modules: [q_proj]
        r: 4
        ```

        ```expect ranks
        \(Specs.q): r=8 alpha=8.0 scaling=1.0
        \(Specs.k): r=4 alpha=8.0 scaling=2.0
        ```
        """))
    #expect(outcome.summary == ["Patterns: PASS", "rslora: PASS", "Wrong: FAIL"])
    let details = try #require(outcome.only("Wrong")?.details)
    #expect(details.contains("\(Specs.q): expected r=8 alpha=8.0 scaling=1.0, got r=4 alpha=8.0 scaling=2.0"))
    #expect(details.contains("\(Specs.k) has no LoRA layer"))
  }

  /// PEFT sorts the unmatched keys: `sorted(set(patterns) - matched)`.
  @Test func warningListsUnmatchedPatternKeysSorted() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## S

        ```lora
        target_modules: [q_proj]
        rank_pattern: {k_proj: 2, gate_proj: 4}
        ```

        ```expect warning
        The following rank_pattern keys did not match any targeted module and were ignored: ['gate_proj', 'k_proj']
        ```

        ```expect trainable
        trainable params: 1,024 || all params: 54,464 || trainable%: 1.8801
        ```
        """))
    #expect(outcome.summary == ["S: PASS"], "\(outcome.cases.map(\.details))")
  }

  @Test func warningPassesWhenSomeWarningContainsTheText() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Unmatched pattern

        ```lora
        target_modules: [q_proj]
        rank_pattern: {k_proj: 2}
        ```

        ```expect warning
        rank_pattern keys did not match any targeted module
        ```

        ## No warning

        ```lora
        target_modules: [q_proj]
        ```

        ```expect warning
        did not match
        ```
        """))
    #expect(outcome.summary == ["Unmatched pattern: PASS", "No warning: FAIL"])
    #expect(outcome.only("No warning")?.details.contains("no warning was emitted") == true)
  }
}
