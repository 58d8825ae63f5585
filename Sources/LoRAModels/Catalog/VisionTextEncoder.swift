import LoRAModules

/// The pre-norm transformer encoder shared by CLIP and SigLIP towers:
/// `encoder.layers.N` with self_attn k/v/q/out_proj, two LayerNorms and an MLP fc1/fc2.
struct VisionTextEncoder {
  /// Class-name prefix: `CLIP` or `Siglip`.
  var prefix: String
  var hidden: Int
  var intermediate: Int
  var layers: Int
  var activation: String

  init(_ c: ModelConfig, prefix: String, defaultActivation: String) throws(ModelSourceError) {
    self.prefix = prefix
    hidden = try c.size("hidden_size")
    intermediate = try c.size("intermediate_size")
    layers = try c.size("num_hidden_layers", in: 0...10_000)
    let heads = try c.size("num_attention_heads")
    guard hidden % heads == 0 else {
      throw c.error("hidden_size", "(\(hidden)) must be a multiple of num_attention_heads (\(heads))")
    }
    activation = try c.activation("hidden_act", default: defaultActivation)
  }

  /// `<prefix>MLP` with activation_fn, fc1, fc2.
  func mlp(_ b: inout TreeBuilder, _ path: String) {
    b.container(path, prefix + "MLP")
    b.activation(path + ".activation_fn", activation)
    b.linear(path + ".fc1", hidden, intermediate, bias: true)
    b.linear(path + ".fc2", intermediate, hidden, bias: true)
  }

  /// `<prefix>Encoder` at `path` (CLIP: attention first; SigLIP: layer_norm1 first).
  func encoder(_ b: inout TreeBuilder, _ path: String) {
    b.container(path, prefix + "Encoder")
    b.moduleList(path + ".layers")
    for i in 0..<layers {
      let l = path + ".layers.\(i)"
      b.container(l, prefix + "EncoderLayer")
      if prefix == "Siglip" {
        b.layerNorm(l + ".layer_norm1", hidden)
        attention(&b, l + ".self_attn")
        b.layerNorm(l + ".layer_norm2", hidden)
        mlp(&b, l + ".mlp")
      } else {
        attention(&b, l + ".self_attn")
        b.layerNorm(l + ".layer_norm1", hidden)
        mlp(&b, l + ".mlp")
        b.layerNorm(l + ".layer_norm2", hidden)
      }
    }
  }

  func attention(_ b: inout TreeBuilder, _ path: String) {
    b.container(path, prefix + "Attention")
    b.linear(path + ".k_proj", hidden, hidden, bias: true)
    b.linear(path + ".v_proj", hidden, hidden, bias: true)
    b.linear(path + ".q_proj", hidden, hidden, bias: true)
    b.linear(path + ".out_proj", hidden, hidden, bias: true)
  }
}
