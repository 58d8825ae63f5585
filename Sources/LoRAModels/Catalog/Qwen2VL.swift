import ConfigValues
import LoRAModules
import LoRANumerics

/// `qwen2_vl` (Qwen2VLConfig), transformers 5 layout: `model.visual` (Conv3d patch
/// embedding, `blocks.N` with attn.qkv/attn.proj and mlp.fc1/fc2, a patch merger),
/// `model.language_model` (Qwen2VLTextModel) and `lm_head`. Hub configs are flat:
/// without `text_config`, the top-level text keys (hidden_size, ...) configure it.
enum Qwen2VLArchitecture: CatalogArchitecture {
  static let modelType = "qwen2_vl"
  static let defaults: ConfigObject = ["tie_word_embeddings": .bool(false)]
  static let tiny: ConfigObject = [:]
  static let architectures = ["Qwen2VLForConditionalGeneration", "Qwen2VLModel"]
  static let defaultArchitecture = "Qwen2VLForConditionalGeneration"
  /// Keys `Qwen2VLConfig` moves into the text config when `text_config` is absent.
  static let flatTextKeys = [
    "vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads",
    "num_key_value_heads", "hidden_act", "max_position_embeddings", "rms_norm_eps", "tie_word_embeddings",
  ]

  static func build(_ config: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    var c = config
    if !c.has("text_config") {
      var flat: ConfigObject = [:]
      for key in flatTextKeys where key != "tie_word_embeddings" { flat[key] = c.values[key] }
      c.values["text_config"] = .object(flat)
    }
    let text = try ModelCatalog.resolveNested(
      c, "text_config", defaultType: "qwen2_vl_text", allowed: ["qwen2_vl_text"])
    let vision = try ModelCatalog.resolveNested(
      c, "vision_config", defaultType: "qwen2_vl_vision", allowed: ["qwen2_vl_vision", "qwen2_vl"])
    var decoder = try DecoderLM(text.config, prefix: "Qwen2VL", qkvBias: true, outputBias: false, mlpBias: false)
    decoder.modelClass = "Qwen2VLTextModel"
    decoder.mlpClass = "Qwen2MLP"

    var b = TreeBuilder()
    b.container("", architecture)
    let m = architecture == "Qwen2VLModel" ? "" : "model"
    let p = { (name: String) in TreeBuilder.join(m, name) }
    if !m.isEmpty { b.container(m, "Qwen2VLModel") }
    try Qwen2VLVisionArchitecture.tower(&b, vision.config, at: p("visual"))
    decoder.base(&b, at: p("language_model"))
    if architecture == "Qwen2VLForConditionalGeneration" {
      b.linear("lm_head", decoder.hidden, decoder.vocab, bias: false)
      let tie = try c.bool("tie_word_embeddings", default: false) || decoder.tieWordEmbeddings
      if tie { b.tie("lm_head.weight", to: "model.language_model.embed_tokens.weight") }
    }
    return b.tree(root: architecture)
  }
}

/// `qwen2_vl_text` (Qwen2VLTextConfig): the language half of Qwen2-VL.
enum Qwen2VLTextArchitecture: CatalogArchitecture {
  static let modelType = "qwen2_vl_text"
  static let isListed = false
  static let defaults: ConfigObject = [
    "vocab_size": .int(152064), "hidden_size": .int(8192), "intermediate_size": .int(29568),
    "num_hidden_layers": .int(80), "num_attention_heads": .int(64), "num_key_value_heads": .int(8),
    "hidden_act": .string("silu"),
  ]
  static let tiny: ConfigObject = LlamaArchitecture.tiny
  static let architectures = ["Qwen2VLTextModel"]
  static let defaultArchitecture = "Qwen2VLTextModel"

  static func build(_ c: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    var decoder = try DecoderLM(c, prefix: "Qwen2VL", qkvBias: true, outputBias: false, mlpBias: false)
    decoder.modelClass = "Qwen2VLTextModel"
    decoder.mlpClass = "Qwen2MLP"
    decoder.tieWordEmbeddings = false
    return try decoder.tree(architecture, config: c)
  }
}

/// `qwen2_vl_vision` (Qwen2VLVisionConfig): the vision transformer of Qwen2-VL.
enum Qwen2VLVisionArchitecture: CatalogArchitecture {
  static let modelType = "qwen2_vl_vision"
  static let isListed = false
  static let defaults: ConfigObject = [
    "depth": .int(32), "embed_dim": .int(1280), "hidden_size": .int(3584), "hidden_act": .string("quick_gelu"),
    "mlp_ratio": .int(4), "num_heads": .int(16), "in_channels": .int(3), "patch_size": .int(14),
    "spatial_merge_size": .int(2), "temporal_patch_size": .int(2),
  ]
  static let tiny: ConfigObject = [
    "depth": .int(2), "embed_dim": .int(32), "hidden_size": .int(64), "num_heads": .int(4), "mlp_ratio": .int(2),
    "patch_size": .int(4),
  ]
  static let architectures = ["Qwen2VisionTransformerPretrainedModel"]
  static let defaultArchitecture = "Qwen2VisionTransformerPretrainedModel"

  static func tower(_ b: inout TreeBuilder, _ c: ModelConfig, at path: String) throws(ModelSourceError) {
    let dim = try c.size("embed_dim")
    let depth = try c.size("depth", in: 0...10_000)
    _ = try c.size("num_heads")
    let outDim = try c.size("hidden_size")
    let mlpHidden = dim * (try c.size("mlp_ratio"))  // an integer in Qwen2VLVisionConfig
    let merge = try c.size("spatial_merge_size", in: 1...4096)
    let patch = try c.size("patch_size")
    let temporal = try c.size("temporal_patch_size")
    let act = try c.activation("hidden_act", default: "quick_gelu")
    let p = { (name: String) in TreeBuilder.join(path, name) }

    if !path.isEmpty { b.container(path, "Qwen2VisionTransformerPretrainedModel") }
    b.container(p("patch_embed"), "PatchEmbed")
    b.conv(p("patch_embed.proj"), try c.size("in_channels"), dim, kernel: [temporal, patch, patch], bias: false)
    b.leaf(p("rotary_pos_emb"), "Qwen2VLVisionRotaryEmbedding")
    b.moduleList(p("blocks"))
    for i in 0..<depth {
      let l = p("blocks.\(i)")
      b.container(l, "Qwen2VLVisionBlock")
      b.layerNorm(l + ".norm1", dim)
      b.layerNorm(l + ".norm2", dim)
      b.container(l + ".attn", "VisionAttention")
      b.linear(l + ".attn.qkv", dim, 3 * dim, bias: true)
      b.linear(l + ".attn.proj", dim, dim, bias: true)
      b.container(l + ".mlp", "VisionMlp")
      b.linear(l + ".mlp.fc1", dim, mlpHidden, bias: true)
      b.activation(l + ".mlp.act", act)
      b.linear(l + ".mlp.fc2", mlpHidden, dim, bias: true)
    }
    let merged = dim * merge * merge
    b.container(p("merger"), "PatchMerger")
    b.layerNorm(p("merger.ln_q"), dim)
    b.container(p("merger.mlp"), "Sequential")
    b.linear(p("merger.mlp.0"), merged, merged, bias: true)
    b.leaf(p("merger.mlp.1"), "GELU")
    b.linear(p("merger.mlp.2"), merged, outDim, bias: true)
  }

  static func build(_ c: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    var b = TreeBuilder()
    b.container("", architecture)
    try tower(&b, c, at: "")
    return b.tree(root: architecture)
  }
}
