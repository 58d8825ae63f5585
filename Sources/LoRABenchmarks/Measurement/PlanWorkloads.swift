import ConfigValues
import LoRA
import LoRAModels
import LoRANumerics

extension PlanWorkload {
  /// Planning `all-linear` (r = 16) into full-size Llama-2-7B and Llama-3-70B trees, as PEFT's
  /// `get_peft_model` does on a meta-device model. Trees are built once, outside the timing.
  /// A model that cannot be built is reported as a workload that throws.
  public static func llamaAllLinear() -> [PlanWorkload] {
    let models: [(String, ConfigObject)] = [
      (
        "llama-2-7b",
        [
          "vocab_size": .int(32000), "hidden_size": .int(4096), "intermediate_size": .int(11008),
          "num_hidden_layers": .int(32), "num_attention_heads": .int(32), "num_key_value_heads": .int(32),
        ]
      ),
      (
        "llama-3-70b",
        [
          "vocab_size": .int(128256), "hidden_size": .int(8192), "intermediate_size": .int(28672),
          "num_hidden_layers": .int(80), "num_attention_heads": .int(64), "num_key_value_heads": .int(8),
        ]
      ),
    ]
    var config = LoraConfig()
    config.r = 16
    config.targetModules = .regex("all-linear")
    return models.map { name, overrides in
      do {
        let tree = try ModelCatalog.build("llama", overrides: overrides)
        let frozenConfig = config
        return PlanWorkload(model: name) { _ = try plan(model: tree, config: frozenConfig) }
      } catch {
        return PlanWorkload(model: name) { throw error }
      }
    }
  }
}
