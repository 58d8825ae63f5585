import Foundation
import RunResults
import Testing

/// Background blocks run at the start of every scenario; `freeze`, `freeze_regex` and
/// `skip_frozen` shape what is frozen and adapted.
@Suite struct BackgroundAndFreezingTests {
  @Test func backgroundBlocksApplyToEveryScenario() async throws {
    let outcome = try await SpecHarness.run(
      """
      # Background

      \(Specs.llamaModel)

      ```lora
      target_modules: [q_proj]
      ```

      ## First

      ```expect adapted
      \(Specs.q)
      ```

      ## Second adds an adapter

      ```lora name=other
      target_modules: [v_proj]
      ```

      ```expect model-status
      available_adapters: [default, other]
      ```

      ## Third sees only the background

      ```expect model-status
      available_adapters: [default]
      ```
      """)
    #expect(outcome.summary == ["First: PASS", "Second adds an adapter: PASS", "Third sees only the background: PASS"])
  }

  @Test func freezePrefixFreezesTheModuleAndItsChildren() async throws {
    let outcome = try await SpecHarness.run(
      """
      # Freeze

      ```model
      architecture: llama
      config: {num_hidden_layers: 1}
      freeze: [model.layers.0.self_attn]
      ```

      ## S

      ```lora
      target_modules: [q_proj, gate_proj]
      ```

      ```expect adapted-frozen
      \(Specs.q)
      ```
      """)
    #expect(outcome.summary == ["S: PASS"])
  }

  @Test func freezePrefixMustNameAModule() async throws {
    let outcome = try await SpecHarness.run(
      """
      # Freeze

      ```model
      architecture: llama
      config: {num_hidden_layers: 1}
      freeze: [model.layer.0]
      ```

      ## S

      ```lora
      target_modules: [q_proj]
      ```

      ```expect adapted
      count: 1
      ```
      """)
    let result = try #require(outcome.only("S"))
    #expect(result.code == .error)
    #expect(result.message?.contains("freeze: no module named 'model.layer.0'; did you mean 'model.layers.0'?") == true)
    #expect(result.failureLocation?.line == 3)
  }

  @Test func freezeRegexFreezesEveryFullMatch() async throws {
    let outcome = try await SpecHarness.run(
      """
      # Freeze regex

      ```model
      architecture: llama
      config: {num_hidden_layers: 1}
      freeze_regex: '.*\\.(q|k)_proj'
      ```

      ## S

      ```lora
      target_modules: [q_proj, k_proj, v_proj]
      ```

      ```expect adapted-frozen
      \(Specs.q)
      \(Specs.k)
      ```

      ## Whole key only

      ```lora
      target_modules: [q_proj]
      ```

      ```expect adapted-frozen
      \(Specs.q)
      ```
      """)
    #expect(outcome.summary == ["S: PASS", "Whole key only: PASS"])
  }

  @Test func freezeRegexThatMatchesNothingIsAnError() async throws {
    let outcome = try await SpecHarness.run(
      """
      # Freeze regex

      ```model
      architecture: llama
      config: {num_hidden_layers: 1}
      freeze_regex: 'q_proj'
      ```

      ## S

      ```lora
      target_modules: [q_proj]
      ```

      ```expect adapted
      count: 1
      ```
      """)
    #expect(outcome.summary == ["S: ERROR"])
    #expect(outcome.only("S")?.message?.contains("regex 'q_proj' matches no module") == true)
  }

  /// Two `Linear(10, 10)` (220 parameters), LoRA r=8 on both (160 each): 320 of 540
  /// trainable. lin1 was frozen before injection, so it is listed as adapted-frozen.
  @Test func moduleListModelsFreezeByPrefix() async throws {
    let outcome = try await SpecHarness.run(
      """
      # Module list

      ```model
      modules:
        - {name: lin0, type: Linear, in_features: 10, out_features: 10, bias: true}
        - {name: relu, type: ReLU}
        - {name: lin1, type: Linear, in_features: 10, out_features: 10, bias: true}
      freeze: [lin1]
      ```

      ## S

      ```lora
      target_modules: [lin0, lin1]
      ```

      ```expect adapted-frozen
      lin1
      ```

      ```expect trainable
      trainable params: 320 || all params: 540 || trainable%: 59.2593
      ```

      ## Unknown prefix

      ```model
      modules:
        - {name: lin0, type: Linear, in_features: 10, out_features: 10}
      freeze: [lin2]
      ```

      ```lora
      target_modules: [lin0]
      ```

      ```expect adapted
      count: 1
      ```
      """)
    #expect(outcome.summary == ["S: PASS", "Unknown prefix: ERROR"])
    #expect(outcome.only("Unknown prefix")?.message?.contains("no module named 'lin2'; did you mean 'lin0'?") == true)
  }

  @Test func skipFrozenLeavesFrozenModulesOut() async throws {
    let outcome = try await SpecHarness.run(
      """
      # skip_frozen

      ```model
      architecture: llama
      config: {num_hidden_layers: 1}
      freeze: [model.layers.0.self_attn.q_proj]
      ```

      ## Without

      ```lora
      target_modules: [q_proj, v_proj]
      ```

      ```expect adapted
      \(Specs.q)
      \(Specs.v)
      ```

      ## With

      ```lora
      target_modules: [q_proj, v_proj]
      skip_frozen: true
      ```

      ```expect adapted
      \(Specs.v)
      ```

      ```expect adapted-frozen
      ```
      """)
    #expect(outcome.summary == ["Without: PASS", "With: PASS"])
  }
}
