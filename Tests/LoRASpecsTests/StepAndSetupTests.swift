import Foundation
import RunResults
import Testing

/// `do` steps and the order rules of setup blocks.
@Suite struct StepAndSetupTests {
  @Test func mergeAndUnloadLeavesNoAdaptedModules() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Unloaded

        ```lora
        target_modules: [q_proj]
        ```

        ```do
        merge_and_unload
        ```

        ```expect adapted
        ```

        ## Status needs adapters

        ```lora
        target_modules: [q_proj]
        ```

        ```do
        merge_and_unload
        ```

        ```expect model-status
        enabled: True
        ```

        ## No step after unloading

        ```lora
        target_modules: [q_proj]
        ```

        ```do
        merge_and_unload
        disable
        ```

        ```expect adapted
        ```
        """))
    #expect(
      outcome.summary == ["Unloaded: PASS", "Status needs adapters: ERROR", "No step after unloading: ERROR"])
    #expect(outcome.only("Status needs adapters")?.message?.contains("no merge_and_unload") == true)
    #expect(outcome.only("No step after unloading")?.message?.contains("no adapter steps can follow") == true)
  }

  @Test func mergeShowsInModelStatusAndUnmergeUndoesIt() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Merged

        ```lora
        target_modules: [q_proj]
        ```

        ```do
        merge
        ```

        ```expect model-status
        merged_adapters: [default]
        ```

        ## Unmerged

        ```lora
        target_modules: [q_proj]
        ```

        ```do
        merge
        unmerge
        ```

        ```expect model-status
        merged_adapters: []
        ```
        """))
    #expect(outcome.summary == ["Merged: PASS", "Unmerged: PASS"])
  }

  @Test func deleteAdapterRemovesItFromTheStatusButKeepsTheWrapper() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## S

        ```lora
        target_modules: [q_proj]
        ```

        ```lora name=other
        target_modules: [v_proj]
        ```

        ```do
        - set_adapter: other
        - delete_adapter: default
        ```

        ```expect model-status
        available_adapters: [other]
        active_adapters: [other]
        ```

        ```expect layer-status
        name                                  | active_adapters | available_adapters
        model.model.layers.0.self_attn.q_proj | ['other']       | []
        model.model.layers.0.self_attn.v_proj | ['other']       | ['other']
        ```
        """))
    // As in PEFT 0.21, the emptied wrapper stays a lora.Linear.
    #expect(outcome.summary == ["S: PASS"], "\(outcome.cases.map(\.details))")
  }

  @Test func stepsNeedAnAdapter() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## S

        ```do
        merge
        ```

        ```expect adapted
        ```
        """))
    #expect(outcome.summary == ["S: ERROR"])
    #expect(outcome.only("S")?.message?.contains("do steps need an adapter") == true)
    #expect(outcome.only("S")?.failureLocation?.line == 10)
  }

  @Test func stepArgumentsAreChecked() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Missing name

        ```lora
        target_modules: [q_proj]
        ```

        ```do
        set_adapter
        ```

        ```expect adapted
        count: 1
        ```

        ## Argument where none is taken

        ```lora
        target_modules: [q_proj]
        ```

        ```do
        unmerge: now
        ```

        ```expect adapted
        count: 1
        ```

        ## Empty do block

        ```lora
        target_modules: [q_proj]
        ```

        ```do
        # nothing
        ```

        ```expect adapted
        count: 1
        ```
        """))
    #expect(
      outcome.summary == [
        "Missing name: ERROR", "Argument where none is taken: ERROR", "Empty do block: ERROR",
      ])
    #expect(outcome.only("Missing name")?.message?.contains("needs an adapter name: `set_adapter: NAME`") == true)
    #expect(outcome.only("Argument where none is taken")?.message?.contains("step 'unmerge' takes no argument") == true)
    #expect(outcome.only("Empty do block")?.message?.contains("do block has no steps") == true)
  }

  @Test func loraBlockArgumentsAreChecked() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Misspelt argument

        ```lora nme=other
        target_modules: [q_proj]
        ```

        ```expect adapted
        count: 1
        ```

        ## Bare argument

        ```lora other
        target_modules: [q_proj]
        ```

        ```expect adapted
        count: 1
        ```
        """))
    #expect(outcome.summary == ["Misspelt argument: ERROR", "Bare argument: ERROR"])
    #expect(outcome.only("Misspelt argument")?.message?.contains("did you mean 'name'?") == true)
    #expect(outcome.only("Bare argument")?.message?.contains("write `lora name=other`") == true)
  }

  @Test func modelBlockMustComeBeforeTheLoraBlocks() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## S

        ```lora
        target_modules: [q_proj]
        ```

        ```model
        architecture: gpt2
        ```

        ```expect adapted
        count: 1
        ```
        """))
    #expect(outcome.summary == ["S: ERROR"])
    #expect(outcome.only("S")?.message?.contains("a model block after a lora block") == true)
  }

  @Test func scenarioModelBlockReplacesTheBackgroundOne() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## GPT-2

        ```model
        architecture: gpt2
        config: {n_layer: 1}
        ```

        ```lora
        target_modules: [c_attn]
        ```

        ```expect adapted
        transformer.h.0.attn.c_attn
        ```
        """))
    #expect(outcome.summary == ["GPT-2: PASS"], "\(outcome.cases.map(\.details))")
  }
}
