import ConfigValues
import LoRAModules
import LoRANumerics

/// `clip` (CLIPConfig): `text_model` and `vision_model` towers with
/// `text_projection` / `visual_projection`; the sub-model types `clip_text_model`
/// and `clip_vision_model` build one tower (also LLaVA's vision tower).
enum CLIPArchitecture: CatalogArchitecture {
  static let modelType = "clip"
  static let defaults: ConfigObject = ["projection_dim": .int(512)]
  static let tiny: ConfigObject = ["projection_dim": .int(16)]
  static let architectures = ["CLIPModel", "CLIPForImageClassification"]
  static let defaultArchitecture = "CLIPModel"

  static func build(_ c: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    let vision = try ModelCatalog.resolveNested(
      c, "vision_config", defaultType: "clip_vision_model", allowed: ["clip_vision_model"])
    let visionHidden = try vision.config.size("hidden_size")
    var b = TreeBuilder()
    if architecture == "CLIPForImageClassification" {
      b.container("", architecture)
      try CLIPVisionArchitecture.tower(&b, vision.config, at: "vision_model")
      b.linear("classifier", visionHidden, try c.numLabels(), bias: true)
      return b.tree(root: architecture)
    }
    let text = try ModelCatalog.resolveNested(
      c, "text_config", defaultType: "clip_text_model", allowed: ["clip_text_model"])
    let projection = try c.size("projection_dim")
    b.container("", architecture, [Parameter(name: "logit_scale", shape: [])])
    try CLIPTextArchitecture.tower(&b, text.config, at: "text_model")
    try CLIPVisionArchitecture.tower(&b, vision.config, at: "vision_model")
    b.linear("visual_projection", visionHidden, projection, bias: false)
    b.linear("text_projection", try text.config.size("hidden_size"), projection, bias: false)
    return b.tree(root: architecture)
  }
}

/// `clip_text_model` (CLIPTextConfig): `CLIPTextModel`, `CLIPTextModelWithProjection`.
enum CLIPTextArchitecture: CatalogArchitecture {
  static let modelType = "clip_text_model"
  static let isListed = false
  static let defaults: ConfigObject = [
    "vocab_size": .int(49408), "hidden_size": .int(512), "intermediate_size": .int(2048),
    "projection_dim": .int(512), "num_hidden_layers": .int(12), "num_attention_heads": .int(8),
    "max_position_embeddings": .int(77), "hidden_act": .string("quick_gelu"),
  ]
  static let tiny: ConfigObject = [
    "vocab_size": .int(128), "hidden_size": .int(32), "intermediate_size": .int(64), "projection_dim": .int(16),
    "num_hidden_layers": .int(2), "num_attention_heads": .int(4), "max_position_embeddings": .int(32),
  ]
  static let architectures = ["CLIPTextModel", "CLIPTextModelWithProjection"]
  static let defaultArchitecture = "CLIPTextModel"

  static func tower(_ b: inout TreeBuilder, _ c: ModelConfig, at path: String) throws(ModelSourceError) {
    let e = try VisionTextEncoder(c, prefix: "CLIP", defaultActivation: "quick_gelu")
    let p = { (name: String) in TreeBuilder.join(path, name) }
    if !path.isEmpty { b.container(path, "CLIPTextModel") }
    b.container(p("embeddings"), "CLIPTextEmbeddings")
    b.embedding(p("embeddings.token_embedding"), try c.size("vocab_size"), e.hidden)
    b.embedding(p("embeddings.position_embedding"), try c.size("max_position_embeddings"), e.hidden)
    e.encoder(&b, p("encoder"))
    b.layerNorm(p("final_layer_norm"), e.hidden)
  }

  static func build(_ c: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    var b = TreeBuilder()
    b.container("", architecture)
    if architecture == "CLIPTextModelWithProjection" {
      try tower(&b, c, at: "text_model")
      b.linear("text_projection", try c.size("hidden_size"), try c.size("projection_dim"), bias: false)
    } else {
      try tower(&b, c, at: "")
    }
    return b.tree(root: architecture)
  }
}

/// `clip_vision_model` (CLIPVisionConfig): `CLIPVisionModel`, `CLIPVisionModelWithProjection`.
enum CLIPVisionArchitecture: CatalogArchitecture {
  static let modelType = "clip_vision_model"
  static let isListed = false
  static let defaults: ConfigObject = [
    "hidden_size": .int(768), "intermediate_size": .int(3072), "projection_dim": .int(512),
    "num_hidden_layers": .int(12), "num_attention_heads": .int(12), "num_channels": .int(3), "image_size": .int(224),
    "patch_size": .int(32), "hidden_act": .string("quick_gelu"),
  ]
  static let tiny: ConfigObject = [
    "hidden_size": .int(32), "intermediate_size": .int(64), "projection_dim": .int(16), "num_hidden_layers": .int(2),
    "num_attention_heads": .int(4), "image_size": .int(32), "patch_size": .int(8),
  ]
  static let architectures = ["CLIPVisionModel", "CLIPVisionModelWithProjection"]
  static let defaultArchitecture = "CLIPVisionModel"

  static func tower(_ b: inout TreeBuilder, _ c: ModelConfig, at path: String) throws(ModelSourceError) {
    let e = try VisionTextEncoder(c, prefix: "CLIP", defaultActivation: "quick_gelu")
    let image = try c.size("image_size")
    let patch = try c.size("patch_size")
    let p = { (name: String) in TreeBuilder.join(path, name) }
    if !path.isEmpty { b.container(path, "CLIPVisionModel") }
    b.container(p("embeddings"), "CLIPVisionEmbeddings", [Parameter(name: "class_embedding", shape: [e.hidden])])
    b.conv(p("embeddings.patch_embedding"), try c.size("num_channels"), e.hidden, kernel: [patch, patch], bias: false)
    b.embedding(p("embeddings.position_embedding"), (image / patch) * (image / patch) + 1, e.hidden)
    b.layerNorm(p("pre_layrnorm"), e.hidden)
    e.encoder(&b, p("encoder"))
    b.layerNorm(p("post_layernorm"), e.hidden)
  }

  static func build(_ c: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    var b = TreeBuilder()
    b.container("", architecture)
    if architecture == "CLIPVisionModelWithProjection" {
      try tower(&b, c, at: "vision_model")
      b.linear("visual_projection", try c.size("hidden_size"), try c.size("projection_dim"), bias: false)
    } else {
      try tower(&b, c, at: "")
    }
    return b.tree(root: architecture)
  }
}
