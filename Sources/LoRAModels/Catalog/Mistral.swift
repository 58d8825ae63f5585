import ConfigValues
import LoRAModules
import LoRANumerics

/// `mistral` (MistralConfig): Llama layout without biases; GQA with 8 KV heads by default.
enum MistralArchitecture: CatalogArchitecture {
  static let modelType = "mistral"
  static let defaults: ConfigObject = [
    "vocab_size": .int(32000), "hidden_size": .int(4096), "intermediate_size": .int(14336),
    "num_hidden_layers": .int(32), "num_attention_heads": .int(32), "num_key_value_heads": .int(8),
    "hidden_act": .string("silu"), "tie_word_embeddings": .bool(false),
  ]
  static let tiny = LlamaArchitecture.tiny
  static let architectures = DecoderLM.architectures("Mistral")
  static let defaultArchitecture = "MistralForCausalLM"

  static func decoder(_ c: ModelConfig) throws(ModelSourceError) -> DecoderLM {
    var d = try DecoderLM(c, prefix: "Mistral", qkvBias: false, outputBias: false, mlpBias: false)
    d.questionAnsweringPrefix = "model"
    return d
  }

  static func build(_ config: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    try decoder(config).tree(architecture, config: config)
  }
}
