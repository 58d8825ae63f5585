import ConfigValues
import LoRAModules
import LoRANumerics

/// `gemma` (GemmaConfig): Llama layout with a scaled embedding, `head_dim` 256 by
/// default, GELU-tanh MLP and tied word embeddings by default.
enum GemmaArchitecture: CatalogArchitecture {
  static let modelType = "gemma"
  static let defaults: ConfigObject = [
    "vocab_size": .int(256000), "hidden_size": .int(3072), "intermediate_size": .int(24576),
    "num_hidden_layers": .int(28), "num_attention_heads": .int(16), "head_dim": .int(256),
    "hidden_act": .string("gelu_pytorch_tanh"), "attention_bias": .bool(false), "tie_word_embeddings": .bool(true),
  ]
  static let tiny: ConfigObject = LlamaArchitecture.tiny.merging(["head_dim": .int(16)]) { _, new in new }
  static let architectures = DecoderLM.architectures("Gemma", questionAnswering: false)
  static let defaultArchitecture = "GemmaForCausalLM"

  static func decoder(_ c: ModelConfig) throws(ModelSourceError) -> DecoderLM {
    let attentionBias = try c.bool("attention_bias", default: false)
    var d = try DecoderLM(c, prefix: "Gemma", qkvBias: attentionBias, outputBias: attentionBias, mlpBias: false)
    d.embeddingClass = "GemmaTextScaledWordEmbedding"
    d.activation = try c.activation("hidden_act", default: "gelu_pytorch_tanh")
    if d.activation == "gelu" { d.activation = "gelu_pytorch_tanh" }  // GemmaConfig rewrites the legacy value
    d.tieWordEmbeddings = try c.bool("tie_word_embeddings", default: true)
    return d
  }

  static func build(_ config: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    try decoder(config).tree(architecture, config: config)
  }
}
