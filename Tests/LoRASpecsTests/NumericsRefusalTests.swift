import Foundation
import RunResults
import Testing

/// Spec numerics run plain LoRA: every config field they do not compute is refused by name,
/// never trained or saved as plain LoRA.
@Suite struct NumericsRefusalTests {
  static func spec(_ loraFields: String) -> String {
    """
    # Numerics refusals

    ```model
    modules:
      - {name: fc1, type: Linear, in_features: 8, out_features: 8, bias: true}
      - {name: fc2, type: Linear, in_features: 8, out_features: 8, bias: true}
    ```

    ## Refused

    ```lora
    target_modules: [fc1]
    \(loraFields)
    ```

    ```do
    train: {steps: 1}
    ```

    ```expect numerics
    base_weights_vs_original: 0 ± 1e-6
    ```

    ## Expected refusal

    ```lora
    target_modules: [fc1]
    \(loraFields)
    ```

    ```do
    train: {steps: 1}
    ```

    ```expect error
    spec numerics train and save plain LoRA only
    ```

    """
  }

  @Test(arguments: [
    ("use_dora: true", "use_dora"), ("bias: lora_only", "bias: 'lora_only'"), ("bias: all", "bias: 'all'"),
    ("modules_to_save: [fc2]", "modules_to_save"), ("lora_bias: true", "lora_bias"),
  ])
  func unmodelledFieldsAreRefusedByName(fields: String, named: String) async throws {
    let outcome = try await SpecHarness.run(Self.spec(fields))
    let refused = try #require(outcome.only("Refused"))
    #expect(refused.code == .error || refused.code == .fail)
    #expect(refused.message?.contains(named) == true, "\(refused.message ?? "")")
    #expect(refused.message?.contains("spec numerics train and save plain LoRA only") == true)
    #expect(outcome.only("Expected refusal")?.code == .pass)
  }
}
