import ConfigValues
import LoRAModules
import LoRANumerics

/// `llama` (LlamaConfig): Llama 2/3 and derivatives. q/k/v/o biases follow
/// `attention_bias`, MLP biases `mlp_bias`; `head_dim` defaults to hidden / heads.
enum LlamaArchitecture: CatalogArchitecture {
  static let modelType = "llama"
  static let defaults: ConfigObject = [
    "vocab_size": .int(32000), "hidden_size": .int(4096), "intermediate_size": .int(11008),
    "num_hidden_layers": .int(32), "num_attention_heads": .int(32), "hidden_act": .string("silu"),
    "attention_bias": .bool(false), "mlp_bias": .bool(false), "tie_word_embeddings": .bool(false),
  ]
  static let tiny: ConfigObject = [
    "vocab_size": .int(128), "hidden_size": .int(64), "intermediate_size": .int(128), "num_hidden_layers": .int(2),
    "num_attention_heads": .int(4), "num_key_value_heads": .int(2),
  ]
  static let architectures = DecoderLM.architectures("Llama")
  static let defaultArchitecture = "LlamaForCausalLM"

  static func decoder(_ c: ModelConfig) throws(ModelSourceError) -> DecoderLM {
    let attentionBias = try c.bool("attention_bias", default: false)
    return try DecoderLM(
      c, prefix: "Llama", qkvBias: attentionBias, outputBias: attentionBias,
      mlpBias: try c.bool("mlp_bias", default: false))
  }

  static func build(_ config: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    try decoder(config).tree(architecture, config: config)
  }
}
