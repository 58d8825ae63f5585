import ConfigValues
import LoRAModules
import LoRANumerics

/// `qwen2` (Qwen2Config): Llama layout with biases on q/k/v (not o).
enum Qwen2Architecture: CatalogArchitecture {
  static let modelType = "qwen2"
  static let defaults: ConfigObject = [
    "vocab_size": .int(151936), "hidden_size": .int(4096), "intermediate_size": .int(22016),
    "num_hidden_layers": .int(32), "num_attention_heads": .int(32), "hidden_act": .string("silu"),
    "tie_word_embeddings": .bool(false),
  ]
  static let tiny = LlamaArchitecture.tiny
  static let architectures = DecoderLM.architectures("Qwen2")
  static let defaultArchitecture = "Qwen2ForCausalLM"

  static func decoder(_ c: ModelConfig) throws(ModelSourceError) -> DecoderLM {
    try DecoderLM(c, prefix: "Qwen2", qkvBias: true, outputBias: false, mlpBias: false)
  }

  static func build(_ config: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    try decoder(config).tree(architecture, config: config)
  }
}
