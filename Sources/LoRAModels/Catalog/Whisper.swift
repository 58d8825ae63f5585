import ConfigValues
import LoRAModules
import LoRANumerics

/// `whisper` (WhisperConfig): `model.encoder` (two Conv1d, frozen sinusoidal
/// `embed_positions`, layers) and `model.decoder`; `proj_out` tied to the decoder's
/// `embed_tokens`. Whisper's `k_proj` has no bias.
enum WhisperArchitecture: CatalogArchitecture {
  static let modelType = "whisper"
  static let defaults: ConfigObject = [
    "vocab_size": .int(51865), "num_mel_bins": .int(80), "d_model": .int(384), "encoder_layers": .int(4),
    "decoder_layers": .int(4), "encoder_attention_heads": .int(6), "decoder_attention_heads": .int(6),
    "encoder_ffn_dim": .int(1536), "decoder_ffn_dim": .int(1536), "max_source_positions": .int(1500),
    "max_target_positions": .int(448), "activation_function": .string("gelu"), "tie_word_embeddings": .bool(true),
    "classifier_proj_size": .int(256), "use_weighted_layer_sum": .bool(false),
  ]
  static let tiny: ConfigObject = [
    "vocab_size": .int(128), "num_mel_bins": .int(16), "d_model": .int(32), "encoder_layers": .int(2),
    "decoder_layers": .int(2), "encoder_attention_heads": .int(4), "decoder_attention_heads": .int(4),
    "encoder_ffn_dim": .int(64), "decoder_ffn_dim": .int(64), "max_source_positions": .int(32),
    "max_target_positions": .int(32),
  ]
  static let attributeMap = [
    "num_attention_heads": "encoder_attention_heads", "hidden_size": "d_model", "num_hidden_layers": "encoder_layers",
  ]
  static let architectures = [
    "WhisperForConditionalGeneration", "WhisperModel", "WhisperForAudioClassification", "WhisperForCausalLM",
  ]
  static let defaultArchitecture = "WhisperForConditionalGeneration"

  struct Sizes {
    var vocab, mel, dModel, encoderLayers, decoderLayers, encoderFFN, decoderFFN, sourcePositions, targetPositions: Int
    var activation: String
  }

  static func build(_ c: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    _ = try c.size("encoder_attention_heads")
    _ = try c.size("decoder_attention_heads")
    let s = Sizes(
      vocab: try c.size("vocab_size"), mel: try c.size("num_mel_bins"), dModel: try c.size("d_model"),
      encoderLayers: try c.size("encoder_layers", in: 0...10_000),
      decoderLayers: try c.size("decoder_layers", in: 0...10_000), encoderFFN: try c.size("encoder_ffn_dim"),
      decoderFFN: try c.size("decoder_ffn_dim"), sourcePositions: try c.size("max_source_positions"),
      targetPositions: try c.size("max_target_positions"),
      activation: try c.activation("activation_function", default: "gelu"))
    let tie = try c.bool("tie_word_embeddings", default: true)

    var b = TreeBuilder()
    switch architecture {
    case "WhisperForAudioClassification":
      let weighted = try c.bool("use_weighted_layer_sum", default: false)
      b.container(
        "", architecture, weighted ? [Parameter(name: "layer_weights", shape: [s.encoderLayers + 1])] : [])
      encoder(&b, "encoder", s)
      let projection = try c.size("classifier_proj_size")
      b.linear("projector", s.dModel, projection, bias: true)
      b.linear("classifier", projection, try c.numLabels(), bias: true)
    case "WhisperForCausalLM":
      b.container("", architecture)
      b.container("model", "WhisperDecoderWrapper")
      decoder(&b, "model.decoder", s)
      b.linear("proj_out", s.dModel, s.vocab, bias: false)
      if tie { b.tie("proj_out.weight", to: "model.decoder.embed_tokens.weight") }
    case "WhisperModel":
      b.container("", architecture)
      encoder(&b, "encoder", s)
      decoder(&b, "decoder", s)
    default:
      b.container("", architecture)
      b.container("model", "WhisperModel")
      encoder(&b, "model.encoder", s)
      decoder(&b, "model.decoder", s)
      b.linear("proj_out", s.dModel, s.vocab, bias: false)
      if tie { b.tie("proj_out.weight", to: "model.decoder.embed_tokens.weight") }
    }
    return b.tree(root: architecture)
  }

  static func attention(_ b: inout TreeBuilder, _ path: String, _ d: Int) {
    b.container(path, "WhisperAttention")
    b.linear(path + ".k_proj", d, d, bias: false)
    b.linear(path + ".v_proj", d, d, bias: true)
    b.linear(path + ".q_proj", d, d, bias: true)
    b.linear(path + ".out_proj", d, d, bias: true)
  }

  static func encoder(_ b: inout TreeBuilder, _ path: String, _ s: Sizes) {
    b.container(path, "WhisperEncoder")
    b.conv(path + ".conv1", s.mel, s.dModel, kernel: [3], bias: true)
    b.conv(path + ".conv2", s.dModel, s.dModel, kernel: [3], bias: true)
    b.embedding(path + ".embed_positions", s.sourcePositions, s.dModel, frozen: true)
    b.moduleList(path + ".layers")
    for i in 0..<s.encoderLayers {
      let l = path + ".layers.\(i)"
      b.container(l, "WhisperEncoderLayer")
      attention(&b, l + ".self_attn", s.dModel)
      b.layerNorm(l + ".self_attn_layer_norm", s.dModel)
      b.activation(l + ".activation_fn", s.activation)
      b.linear(l + ".fc1", s.dModel, s.encoderFFN, bias: true)
      b.linear(l + ".fc2", s.encoderFFN, s.dModel, bias: true)
      b.layerNorm(l + ".final_layer_norm", s.dModel)
    }
    b.layerNorm(path + ".layer_norm", s.dModel)
  }

  static func decoder(_ b: inout TreeBuilder, _ path: String, _ s: Sizes) {
    b.container(path, "WhisperDecoder")
    b.embedding(path + ".embed_tokens", s.vocab, s.dModel)
    b.embedding(path + ".embed_positions", s.targetPositions, s.dModel, type: "WhisperPositionalEmbedding")
    b.moduleList(path + ".layers")
    for i in 0..<s.decoderLayers {
      let l = path + ".layers.\(i)"
      b.container(l, "WhisperDecoderLayer")
      attention(&b, l + ".self_attn", s.dModel)
      b.activation(l + ".activation_fn", s.activation)
      b.layerNorm(l + ".self_attn_layer_norm", s.dModel)
      attention(&b, l + ".encoder_attn", s.dModel)
      b.layerNorm(l + ".encoder_attn_layer_norm", s.dModel)
      b.linear(l + ".fc1", s.dModel, s.decoderFFN, bias: true)
      b.linear(l + ".fc2", s.decoderFFN, s.dModel, bias: true)
      b.layerNorm(l + ".final_layer_norm", s.dModel)
    }
    b.layerNorm(path + ".layer_norm", s.dModel)
  }
}
