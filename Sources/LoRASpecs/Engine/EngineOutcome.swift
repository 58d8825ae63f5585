import LoRA
import LoRAModules

/// The evaluated scenario: the model after injection and steps, or the engine's error.
enum EngineOutcome: Sendable {
  case ready(EngineState)
  case failed(EngineFailure)

  /// Whether the outcome carries real weights (or failed before they mattered).
  var hasNumerics: Bool {
    switch self {
    case .ready(let state): state.numerics != nil
    case .failed: true
    }
  }
}

/// The state of a scenario that evaluated without an engine error.
struct EngineState: Sendable {
  /// The model as the user prepared it (frozen modules applied), before injection.
  var base: ModuleTree
  /// The PEFT model; nil when the scenario has no `lora` block.
  var peft: PeftModel?
  /// True after `merge_and_unload`: the adapters are folded into the base weights.
  var unloaded = false
  /// Warnings PEFT emitted (injection and steps), in order.
  var warnings: [String] = []
  /// Weights and training, for models built from a module list.
  var numerics: NumericsState?

  /// The module keys that carry a LoRA layer, in `named_modules()` order.
  var adapted: [String] {
    guard let peft, !unloaded else { return [] }
    return peft.layers.map(\.path)
  }
}
