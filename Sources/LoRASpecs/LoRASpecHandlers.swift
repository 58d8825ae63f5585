import RunResults
import SpecRunner

/// The LoRA block handlers (`model`, `lora`, `do`, `expect ...`, the `match` table) that
/// `lora-spec run` evaluates specs with.
public enum LoRASpecHandlers {
  /// The registry of every LoRA block handler. (Empty until the handlers land.)
  public static func registry() -> HandlerRegistry {
    HandlerRegistry()
  }

  /// Properties written on every JUnit suite: PEFT semantics version, kernel.
  public static func reportProperties() -> [Property] {
    [Property("peft.semantics", "0.21.2")]
  }
}
