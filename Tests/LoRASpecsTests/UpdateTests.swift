import Foundation
import RunResults
import TestSupport
import Testing

/// `--update` rewrites the bodies of failing and empty expect blocks with the engine's
/// results, and leaves every other byte of the file as it was.
@Suite struct UpdateTests {
  /// A spec with `{{name}}` where an expect body goes.
  static let template = """
    ---
    tags: [update]
    ---
    # Update   me\t

    Prose  with   odd spacing,\ttabs and trailing blanks.\u{20}\u{20}

    \(Specs.llamaModel)

    ## Wrong list

    ```lora
    target_modules: [q_proj, v_proj]   # a comment stays
    ```

    ```expect adapted
    {{adapted}}```

    ## Wrong count and empty status

    ```lora
    target_modules: [q_proj]
    ```

    ```expect adapted
    {{count}}```

    ```expect trainable
    trainable params: 1,024 || all params: 54,464 || trainable%: 1.8801
    ```

    Between  blocks.

    ```expect model-status
    {{status}}```

    ## Wrong error

    ```lora
    target_modules: [query]
    ```

    ```expect error
    {{error}}```

    ## Ranks

    ```lora
    target_modules: [q_proj]
    r: 2
    ```

    ```expect ranks
    {{ranks}}```

    """

  static func fill(_ bodies: [String: String]) -> String {
    var text = template
    for (name, body) in bodies { text = text.replacingOccurrences(of: "{{\(name)}}", with: body) }
    return text
  }

  static let before = fill([
    "adapted": "\(Specs.q)\n\(Specs.k)\n",
    "count": "count: 5\n",
    "status": "",
    "error": "All modules were excluded\n",
    "ranks": "\(Specs.q): r=8 alpha=8.0 scaling=1.0\n",
  ])

  static let after = fill([
    "adapted": "\(Specs.q)\n\(Specs.v)\n",
    "count": "count: 1\n",
    "status": """
    base_model_type: LlamaForCausalLM
    adapter_model_type: LoraModel
    peft_types: {'default': 'LORA'}
    trainable_params: 1024
    total_params: 54464
    num_adapter_layers: 1
    enabled: True
    active_adapters: ['default']
    merged_adapters: []
    requires_grad: {'default': True}
    available_adapters: ['default']
    devices: {'default': ['cpu']}
    quantization_backend: None

    """,
    "error": "Target modules {'query'} not found in the base model. Please check the target modules and try again.\n",
    "ranks": "\(Specs.q): r=2 alpha=8.0 scaling=4.0\n",
  ])

  @Test func updateRewritesOnlyExpectBodies() async throws {
    let harness = try SpecHarness(Self.before)
    defer { harness.remove() }
    let first = try await harness.run(update: true)
    #expect(first.updatedFiles == [harness.path()])
    #expect(first.updateProblems.isEmpty)
    let updated = try harness.read()
    #expect(TextSnapshot.difference(updated, Self.after) == nil)
    let again = try await harness.run()
    #expect(again.summary.allSatisfy { $0.hasSuffix("PASS") }, "\(again.cases.map(\.details))")
  }

  @Test func withoutUpdateTheFileIsUntouched() async throws {
    let harness = try SpecHarness(Self.before)
    defer { harness.remove() }
    let outcome = try await harness.run()
    #expect(outcome.updatedFiles.isEmpty)
    #expect(try harness.read() == Self.before)
    #expect(outcome.only("Wrong count and empty status")?.details.contains("expect model-status is empty") == true)
  }
}

/// What `--update` writes for blocks whose actual text is built from several adapters.
@Suite struct UpdateContentTests {
  @Test func decisionsWithASecondAdapterListNeitherInternalsNorRepeats() async throws {
    let harness = try SpecHarness(
      Specs.llama(
        """
        ## Two adapters

        ```lora
        target_modules: [q_proj]
        ```

        ```lora name=other
        target_modules: [q_proj, v_proj]
        ```

        ```expect decisions
        ```

        """))
    defer { harness.remove() }
    _ = try await harness.run(update: true)
    let text = try harness.read()
    let expected = """
      ```expect decisions
      \(Specs.q): matched by suffix "q_proj"
      \(Specs.v): matched by suffix "v_proj"
      ```
      """
    #expect(text.contains(expected), "\(text)")
    let again = try await harness.run()
    #expect(again.summary == ["Two adapters: PASS"])
  }

  /// Blocks whose actual result cannot be written as a body are left alone.
  @Test func blocksWithoutAnActualTextAreNotRewritten() async throws {
    let text = Specs.llama(
      """
      ## No error raised

      ```lora
      target_modules: [q_proj]
      ```

      ```expect error
      not found
      ```

      ```expect not-adapted
      \(Specs.q)
      ```

      """)
    let harness = try SpecHarness(text)
    defer { harness.remove() }
    let outcome = try await harness.run(update: true)
    #expect(outcome.summary == ["No error raised: FAIL"])
    #expect(outcome.updatedFiles.isEmpty)
    #expect(try harness.read() == text)
  }

  @Test func emptyErrorBlockIsFilledWithPeftsMessage() async throws {
    let harness = try SpecHarness(
      Specs.llama(
        """
        ## S

        ```lora
        target_modules: [query, key]
        ```

        ```expect error
        ```

        """))
    defer { harness.remove() }
    let first = try await harness.run(update: true)
    // An updated block counts as resolved, with a warning saying so.
    #expect(first.only("S")?.code == .pass)
    #expect(first.only("S")?.warnings.contains { $0.hasSuffix("updated expect error with the actual result") } == true)
    let text = try harness.read()
    #expect(text.contains("```expect error\nTarget modules {"))
    #expect(text.contains("} not found in the base model. Please check the target modules and try again.\n```"))
    let again = try await harness.run()
    #expect(again.summary == ["S: PASS"])
  }
}
