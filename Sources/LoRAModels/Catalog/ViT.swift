import ConfigValues
import LoRAModules
import LoRANumerics

/// `vit` (ViTConfig): patch embedding (Conv2d), `layers.N` with attention
/// q_proj/k_proj/v_proj/o_proj and mlp fc1/fc2 (transformers 5 naming), a pooler
/// on `ViTModel` only.
enum ViTArchitecture: CatalogArchitecture {
  static let modelType = "vit"
  static let defaults: ConfigObject = [
    "hidden_size": .int(768), "num_hidden_layers": .int(12), "num_attention_heads": .int(12),
    "intermediate_size": .int(3072), "hidden_act": .string("gelu"), "image_size": .int(224), "patch_size": .int(16),
    "num_channels": .int(3), "qkv_bias": .bool(true), "encoder_stride": .int(16), "pooler_act": .string("tanh"),
  ]
  static let tiny: ConfigObject = [
    "hidden_size": .int(32), "num_hidden_layers": .int(2), "num_attention_heads": .int(4),
    "intermediate_size": .int(64), "image_size": .int(32), "patch_size": .int(8),
  ]
  static let architectures = ["ViTForImageClassification", "ViTModel", "ViTForMaskedImageModeling"]
  static let defaultArchitecture = "ViTForImageClassification"

  static func build(_ c: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    let hidden = try c.size("hidden_size")
    let layers = try c.size("num_hidden_layers", in: 0...10_000)
    let heads = try c.size("num_attention_heads")
    guard hidden % heads == 0 else {
      throw c.error("hidden_size", "(\(hidden)) must be a multiple of num_attention_heads (\(heads))")
    }
    let intermediate = try c.size("intermediate_size")
    let activation = try c.activation("hidden_act", default: "gelu")
    let channels = try c.size("num_channels", in: 1...65536)
    let patch = try c.pair("patch_size")
    let image = try c.pair("image_size")
    let patches = (image.0 / patch.0) * (image.1 / patch.1)
    let qkvBias = try c.bool("qkv_bias", default: true)

    var b = TreeBuilder()
    b.container("", architecture)
    let base = architecture == "ViTModel" ? "" : "vit"
    let p = { (name: String) in TreeBuilder.join(base, name) }
    if !base.isEmpty { b.container(base, "ViTModel") }
    var embeddingParameters = [Parameter(name: "cls_token", shape: [1, 1, hidden])]
    if architecture == "ViTForMaskedImageModeling" {
      embeddingParameters.append(Parameter(name: "mask_token", shape: [1, 1, hidden]))
    }
    embeddingParameters.append(Parameter(name: "position_embeddings", shape: [1, patches + 1, hidden]))
    b.container(p("embeddings"), "ViTEmbeddings", embeddingParameters)
    b.container(p("embeddings.patch_embeddings"), "ViTPatchEmbeddings")
    b.conv(p("embeddings.patch_embeddings.projection"), channels, hidden, kernel: [patch.0, patch.1], bias: true)
    b.dropout(p("embeddings.dropout"))
    b.moduleList(p("layers"))
    for i in 0..<layers {
      let l = p("layers.\(i)")
      b.container(l, "ViTLayer")
      b.container(l + ".attention", "ViTAttention")
      b.linear(l + ".attention.q_proj", hidden, hidden, bias: qkvBias)
      b.linear(l + ".attention.k_proj", hidden, hidden, bias: qkvBias)
      b.linear(l + ".attention.v_proj", hidden, hidden, bias: qkvBias)
      b.linear(l + ".attention.o_proj", hidden, hidden, bias: true)
      b.layerNorm(l + ".layernorm_before", hidden)
      b.layerNorm(l + ".layernorm_after", hidden)
      b.container(l + ".mlp", "ViTMLP")
      b.activation(l + ".mlp.activation_fn", activation)
      b.linear(l + ".mlp.fc1", hidden, intermediate, bias: true)
      b.linear(l + ".mlp.fc2", intermediate, hidden, bias: true)
      b.dropout(l + ".dropout")
    }
    b.layerNorm(p("layernorm"), hidden)

    switch architecture {
    case "ViTModel":
      b.container("pooler", "ViTPooler")
      b.linear("pooler.dense", hidden, try c.size("pooler_output_size", default: hidden), bias: true)
      b.activation("pooler.activation", try c.activation("pooler_act", default: "tanh"))
    case "ViTForImageClassification":
      let labels = try c.numLabels()
      if labels > 0 { b.linear("classifier", hidden, labels, bias: true) } else { b.leaf("classifier", "Identity") }
    default:
      let stride = try c.size("encoder_stride", in: 1...4096)
      b.container("decoder", "Sequential")
      b.conv("decoder.0", hidden, stride * stride * channels, kernel: [1, 1], bias: true)
      b.leaf("decoder.1", "PixelShuffle")
    }
    return b.tree(root: architecture)
  }
}

extension ModelConfig {
  /// An image or patch size: an integer (square) or a two-element list [height, width].
  func pair(_ key: String) throws(ModelSourceError) -> (Int, Int) {
    if let list = self[key]?.arrayValue {
      let range = 1...Int(Int32.max)
      guard list.count == 2, let h = list[0].intValue, let w = list[1].intValue, range.contains(h), range.contains(w)
      else {
        throw error(key, "must be a positive integer or a list of two positive integers")
      }
      return (h, w)
    }
    let n = try size(key)
    return (n, n)
  }
}
