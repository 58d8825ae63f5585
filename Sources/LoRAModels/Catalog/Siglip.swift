import ConfigValues
import LoRAModules
import LoRANumerics

/// `siglip` (SiglipConfig): `text_model` and `vision_model` towers, root
/// `logit_scale` / `logit_bias`; the vision tower ends in an attention-pooling head
/// (`nn.MultiheadAttention`) unless `vision_use_head` is false.
enum SiglipArchitecture: CatalogArchitecture {
  static let modelType = "siglip"
  static let defaults: ConfigObject = [:]
  static let tiny: ConfigObject = [:]
  static let architectures = ["SiglipModel", "SiglipForImageClassification"]
  static let defaultArchitecture = "SiglipModel"

  static func build(_ c: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    let vision = try ModelCatalog.resolveNested(
      c, "vision_config", defaultType: "siglip_vision_model", allowed: ["siglip_vision_model"])
    var b = TreeBuilder()
    if architecture == "SiglipForImageClassification" {
      b.container("", architecture)
      try SiglipVisionArchitecture.tower(&b, vision.config, at: "vision_model")
      b.linear("classifier", try vision.config.size("hidden_size"), try c.numLabels(), bias: true)
      return b.tree(root: architecture)
    }
    let text = try ModelCatalog.resolveNested(
      c, "text_config", defaultType: "siglip_text_model", allowed: ["siglip_text_model"])
    b.container(
      "", architecture, [Parameter(name: "logit_scale", shape: [1]), Parameter(name: "logit_bias", shape: [1])])
    try SiglipTextArchitecture.tower(&b, text.config, at: "text_model")
    try SiglipVisionArchitecture.tower(&b, vision.config, at: "vision_model")
    return b.tree(root: architecture)
  }
}

/// `siglip_text_model` (SiglipTextConfig): `SiglipTextModel`.
enum SiglipTextArchitecture: CatalogArchitecture {
  static let modelType = "siglip_text_model"
  static let isListed = false
  static let defaults: ConfigObject = [
    "vocab_size": .int(32000), "hidden_size": .int(768), "intermediate_size": .int(3072),
    "num_hidden_layers": .int(12), "num_attention_heads": .int(12), "max_position_embeddings": .int(64),
    "hidden_act": .string("gelu_pytorch_tanh"),
  ]
  static let tiny: ConfigObject = [
    "vocab_size": .int(128), "hidden_size": .int(32), "intermediate_size": .int(64), "num_hidden_layers": .int(2),
    "num_attention_heads": .int(4), "max_position_embeddings": .int(16),
  ]
  static let architectures = ["SiglipTextModel"]
  static let defaultArchitecture = "SiglipTextModel"

  static func tower(_ b: inout TreeBuilder, _ c: ModelConfig, at path: String) throws(ModelSourceError) {
    let e = try VisionTextEncoder(c, prefix: "Siglip", defaultActivation: "gelu_pytorch_tanh")
    let p = { (name: String) in TreeBuilder.join(path, name) }
    if !path.isEmpty { b.container(path, "SiglipTextModel") }
    b.container(p("embeddings"), "SiglipTextEmbeddings")
    b.embedding(p("embeddings.token_embedding"), try c.size("vocab_size"), e.hidden)
    b.embedding(p("embeddings.position_embedding"), try c.size("max_position_embeddings"), e.hidden)
    e.encoder(&b, p("encoder"))
    b.layerNorm(p("final_layer_norm"), e.hidden)
    b.linear(p("head"), e.hidden, try c.size("projection_size", default: e.hidden), bias: true)
  }

  static func build(_ c: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    var b = TreeBuilder()
    b.container("", architecture)
    try tower(&b, c, at: "")
    return b.tree(root: architecture)
  }
}

/// `siglip_vision_model` (SiglipVisionConfig): `SiglipVisionModel`.
enum SiglipVisionArchitecture: CatalogArchitecture {
  static let modelType = "siglip_vision_model"
  static let isListed = false
  static let defaults: ConfigObject = [
    "hidden_size": .int(768), "intermediate_size": .int(3072), "num_hidden_layers": .int(12),
    "num_attention_heads": .int(12), "num_channels": .int(3), "image_size": .int(224), "patch_size": .int(16),
    "hidden_act": .string("gelu_pytorch_tanh"), "vision_use_head": .bool(true),
  ]
  static let tiny: ConfigObject = [
    "hidden_size": .int(32), "intermediate_size": .int(64), "num_hidden_layers": .int(2),
    "num_attention_heads": .int(4), "image_size": .int(32), "patch_size": .int(8),
  ]
  static let architectures = ["SiglipVisionModel"]
  static let defaultArchitecture = "SiglipVisionModel"

  static func tower(_ b: inout TreeBuilder, _ c: ModelConfig, at path: String) throws(ModelSourceError) {
    let e = try VisionTextEncoder(c, prefix: "Siglip", defaultActivation: "gelu_pytorch_tanh")
    let image = try c.size("image_size")
    let patch = try c.size("patch_size")
    let p = { (name: String) in TreeBuilder.join(path, name) }
    if !path.isEmpty { b.container(path, "SiglipVisionModel") }
    b.container(p("embeddings"), "SiglipVisionEmbeddings")
    b.conv(p("embeddings.patch_embedding"), try c.size("num_channels"), e.hidden, kernel: [patch, patch], bias: true)
    b.embedding(p("embeddings.position_embedding"), (image / patch) * (image / patch), e.hidden)
    e.encoder(&b, p("encoder"))
    b.layerNorm(p("post_layernorm"), e.hidden)
    if try c.bool("vision_use_head", default: true) {
      let head = p("head")
      b.container(head, "SiglipMultiheadAttentionPoolingHead", [Parameter(name: "probe", shape: [1, 1, e.hidden])])
      b.multiheadAttention(head + ".attention", e.hidden, heads: try c.size("num_attention_heads"))
      b.layerNorm(head + ".layernorm", e.hidden)
      e.mlp(&b, head + ".mlp")
    }
  }

  static func build(_ c: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    var b = TreeBuilder()
    b.container("", architecture)
    try tower(&b, c, at: "")
    return b.tree(root: architecture)
  }
}
