import ConfigValues
import LoRAModules
import LoRANumerics

/// `llava` (LlavaConfig), transformers 5 layout: `model.vision_tower` (CLIP or SigLIP
/// vision model), `model.multi_modal_projector` (linear_1, act, linear_2),
/// `model.language_model` (the text config's base model: llama, mistral, qwen2 or
/// gemma) and `lm_head`.
enum LlavaArchitecture: CatalogArchitecture {
  static let modelType = "llava"
  static let defaults: ConfigObject = [
    "projector_hidden_act": .string("gelu"), "vision_feature_layer": .int(-2),
    "multimodal_projector_bias": .bool(true), "tie_word_embeddings": .bool(false),
  ]
  static let tiny: ConfigObject = [:]
  static let architectures = ["LlavaForConditionalGeneration", "LlavaModel"]
  static let defaultArchitecture = "LlavaForConditionalGeneration"
  static let textTypes = ["llama", "mistral", "qwen2", "gemma"]

  /// LlavaConfig's vision defaults when `vision_config` is absent (CLIP ViT-L/14-336).
  static let visionDefaults: ConfigObject = [
    "model_type": .string("clip_vision_model"), "intermediate_size": .int(4096), "hidden_size": .int(1024),
    "patch_size": .int(14), "image_size": .int(336), "num_hidden_layers": .int(24), "num_attention_heads": .int(16),
    "projection_dim": .int(768),
  ]

  static func build(_ config: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    var c = config
    if !c.has("vision_config") && !c.tinyDefaults { c.values["vision_config"] = .object(visionDefaults) }
    let vision = try ModelCatalog.resolveNested(
      c, "vision_config", defaultType: "clip_vision_model", allowed: ["clip_vision_model", "siglip_vision_model"])
    let text = try ModelCatalog.resolveNested(c, "text_config", defaultType: "llama", allowed: textTypes)
    let decoder = try textDecoder(text.entry, text.config)
    let visionHidden = try vision.config.size("hidden_size")
    let featureLayers: Int
    if let list = c["vision_feature_layer"]?.arrayValue {
      guard !list.isEmpty else { throw c.error("vision_feature_layer", "must not be an empty list") }
      featureLayers = list.count
    } else {
      _ = try c.int("vision_feature_layer", default: -2)
      featureLayers = 1
    }
    let projectorBias = try c.bool("multimodal_projector_bias", default: true)
    let act = try c.activation("projector_hidden_act", default: "gelu")

    var b = TreeBuilder()
    b.container("", architecture)
    let m = architecture == "LlavaModel" ? "" : "model"
    let p = { (name: String) in TreeBuilder.join(m, name) }
    if !m.isEmpty { b.container(m, "LlavaModel") }
    if vision.entry.modelType == "siglip_vision_model" {
      try SiglipVisionArchitecture.tower(&b, vision.config, at: p("vision_tower"))
    } else {
      try CLIPVisionArchitecture.tower(&b, vision.config, at: p("vision_tower"))
    }
    b.container(p("multi_modal_projector"), "LlavaMultiModalProjector")
    b.linear(p("multi_modal_projector.linear_1"), visionHidden * featureLayers, decoder.hidden, bias: projectorBias)
    b.activation(p("multi_modal_projector.act"), act)
    b.linear(p("multi_modal_projector.linear_2"), decoder.hidden, decoder.hidden, bias: projectorBias)
    decoder.base(&b, at: p("language_model"))
    if architecture == "LlavaForConditionalGeneration" {
      b.linear("lm_head", decoder.hidden, decoder.vocab, bias: false)
      let tie = try c.bool("tie_word_embeddings", default: false) || decoder.tieWordEmbeddings
      if tie { b.tie("lm_head.weight", to: "model.language_model.embed_tokens.weight") }
    }
    return b.tree(root: architecture)
  }

  /// The decoder of a supported text type.
  static func textDecoder(_ entry: any CatalogArchitecture.Type, _ c: ModelConfig) throws(ModelSourceError) -> DecoderLM
  {
    switch entry.modelType {
    case "mistral": try MistralArchitecture.decoder(c)
    case "qwen2": try Qwen2Architecture.decoder(c)
    case "gemma": try GemmaArchitecture.decoder(c)
    default: try LlamaArchitecture.decoder(c)
    }
  }
}
