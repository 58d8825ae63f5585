import Foundation
import RunResults
import Testing

/// A broken block ends its scenario as `error` with `file:line: message`; the other
/// scenarios of the file still run.
@Suite struct BrokenSpecTests {
  /// Runs `broken` as the middle scenario between two good ones; returns its case and
  /// the Markdown line of the broken scenario's first body line.
  func brokenBetweenGoodOnes(_ broken: String, background: Bool = true) async throws -> (CaseResult, Int) {
    let good = """
      \(background ? "" : Specs.llamaModel + "\n")
      ```lora
      target_modules: [q_proj]
      ```

      ```expect adapted
      \(Specs.q)
      ```
      """
    let text =
      "# Suite\n\n\(background ? Specs.llamaModel : "")\n\n## Before\n\n\(good)\n\n## Broken\n\n\(broken)\n\n## After\n\n\(good)\n"
    let heading = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(of: "## Broken") ?? 0
    let outcome = try await SpecHarness.run(text)
    #expect(outcome.summary == ["Before: PASS", "Broken: ERROR", "After: PASS"])
    let result = try #require(outcome.only("Broken"))
    #expect(result.problemType == "SpecError")
    return (result, heading + 3)
  }

  /// `brokenBetweenGoodOnes` for a scenario whose own `model` block (body `model`) is broken,
  /// followed by a `lora` block and an expectation; no background.
  func brokenModelBlock(_ model: String) async throws -> (CaseResult, Int) {
    try await brokenBetweenGoodOnes(
      """
      ```model
      \(model)
      ```

      ```lora
      target_modules: [q_proj]
      ```

      ```expect adapted
      count: 1
      ```
      """,
      background: false)
  }

  @Test func badYAMLInALoraBlockNamesTheMarkdownLine() async throws {
    let (result, first) = try await brokenBetweenGoodOnes(
      """
      ```lora
      r: 4
      target_modules: [q_proj
      ```

      ```expect adapted
      count: 1
      ```
      """)
    #expect(result.message?.contains("lora block is not valid YAML or JSON") == true)
    let line = try #require(result.failureLocation?.line)
    #expect(line >= first + 2 && line <= first + 3, "YAML error reported at line \(line)")
    #expect(result.message?.contains("spec.md:\(line):") == true)
  }

  @Test func badYAMLInAModelBlockNamesTheMarkdownLine() async throws {
    let outcome = try await SpecHarness.run(
      """
      # Suite

      ## Broken

      ```model
      architecture: llama
      config: {num_hidden_layers: 1
      ```

      ```expect adapted
      count: 0
      ```
      """)
    let result = try #require(outcome.only("Broken"))
    #expect(result.code == .error)
    #expect(result.message?.contains("model block is not valid YAML") == true)
    let line = try #require(result.failureLocation?.line)
    #expect(line >= 7 && line <= 8, "YAML error reported at line \(line)")
  }

  @Test func unknownModelFieldNamesTheClosestOne() async throws {
    let (result, first) = try await brokenModelBlock("architecture: llama\nfrezee: [model.layers]")
    #expect(result.message?.contains("unknown field 'frezee' in model block; did you mean 'freeze'?") == true)
    #expect(result.failureLocation?.line == first + 2)
  }

  @Test(arguments: [
    (
      "llama", "  num_hidden_layers: 1\n  hiden_size: 64", 4,
      "unknown config key 'hiden_size'; did you mean 'hidden_size'?"
    ),
    (
      "llava", "  text_config:\n    num_hidden_layers: 1\n    vocab_sise: 3", 5,
      "unknown config key 'text_config.vocab_sise'; did you mean 'vocab_size'?"
    ),
    ("llama", "  num_hidden_layers: 1\n  hidden_size: big", 4, "hidden_size must be an integer, found a string"),
  ])
  func misspeltModelConfigKeyIsReportedAtItsLine(architecture: String, config: String, offset: Int, message: String)
    async throws
  {
    let (result, first) = try await brokenModelBlock("architecture: \(architecture)\nconfig:\n\(config)")
    #expect(result.message?.contains(message) == true, "\(result.message ?? "")")
    #expect(result.failureLocation?.line == first + offset)
  }

  @Test func unknownTrainFieldInADoBlockNamesTheClosestOne() async throws {
    let (result, first) = try await brokenBetweenGoodOnes(
      """
      ```lora
      target_modules: [q_proj]
      ```

      ```do
      merge
      train: {stepz: 3}
      ```

      ```expect adapted
      count: 1
      ```
      """)
    #expect(result.message?.contains("unknown field 'stepz' in do block; did you mean 'steps'?") == true)
    #expect(result.failureLocation?.line == first + 6)
  }

  @Test func unknownStepNamesTheClosestOne() async throws {
    let (result, first) = try await brokenBetweenGoodOnes(
      """
      ```lora
      target_modules: [q_proj]
      ```

      ```do
      set_adaptr: other
      ```

      ```expect adapted
      count: 1
      ```
      """)
    #expect(result.message?.contains("unknown step 'set_adaptr' in do block; did you mean 'set_adapter'?") == true)
    #expect(result.failureLocation?.line == first + 5)
  }

  @Test func secondLoraBlockForTheSameAdapterIsAnError() async throws {
    let (result, first) = try await brokenBetweenGoodOnes(
      """
      ```lora
      target_modules: [q_proj]
      ```

      ```lora
      target_modules: [v_proj]
      ```

      ```expect adapted
      count: 2
      ```
      """)
    #expect(
      result.message?.contains(
        "a second lora block for adapter 'default' (first at \(result.location?.file ?? "?"):\(first)); "
          + "name it: `lora name=other`") == true)
    #expect(result.failureLocation?.line == first + 4)
  }

  @Test func scenarioWithoutAModelBlockIsAnError() async throws {
    let outcome = try await SpecHarness.run(
      """
      # No model

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
    #expect(result.message?.contains("scenario has no model block") == true)
    #expect(outcome.exitCode == 1)
  }

  @Test func unknownExpectationKindIsAnErrorWithASuggestion() async throws {
    let (result, _) = try await brokenBetweenGoodOnes(
      """
      ```lora
      target_modules: [q_proj]
      ```

      ```expect adaptd
      count: 1
      ```
      """)
    #expect(result.message?.contains("unknown expectation kind 'adaptd'; did you mean 'adapted'?") == true)
  }

  @Test func unknownArchitectureIsAnError() async throws {
    let (result, _) = try await brokenModelBlock("architecture: lama")
    #expect(result.message?.contains("unknown model \"lama\"; did you mean 'llama'?") == true)
  }

  /// The runner prefixes a problem with `file:line: `; a model error repeats it because
  /// the engine (Sources/LoRASpecs/Engine/ModelSourceLoading.swift) puts the block's
  /// location into the message as well.
  @Test func modelErrorsNameTheLocationOnce() async throws {
    let outcome = try await SpecHarness.run(
      """
      # Model errors

      ## S

      ```model
      architecture: llama
      config: {num_hidden_layers: 1}
      freeze: [model.layer]
      ```

      ```expect adapted
      count: 0
      ```
      """)
    let message = try #require(outcome.only("S")?.message)
    #expect(message.contains("freeze: no module named 'model.layer'"))
    #expect(message.components(separatedBy: "spec.md:5").count == 2, "\(message)")
  }
}
