import ConfigValues
import LoRAModules
import LoRANumerics

/// `t5` (T5Config): `shared` embedding, `encoder`/`decoder` T5Stacks with
/// `block.N.layer.M` (SelfAttention q/k/v/o, EncDecAttention, DenseReluDense wi/wo or
/// wi_0/wi_1/wo when gated), relative attention bias in block 0 only; `lm_head` is
/// always tied to `shared` (transformers 5 forces `tie_word_embeddings`).
enum T5Architecture: CatalogArchitecture {
  static let modelType = "t5"
  static let defaults: ConfigObject = [
    "vocab_size": .int(32128), "d_model": .int(512), "d_kv": .int(64), "d_ff": .int(2048), "num_layers": .int(6),
    "num_heads": .int(8), "relative_attention_num_buckets": .int(32), "feed_forward_proj": .string("relu"),
  ]
  static let tiny: ConfigObject = [
    "vocab_size": .int(128), "d_model": .int(32), "d_kv": .int(8), "d_ff": .int(64), "num_layers": .int(2),
    "num_decoder_layers": .int(2), "num_heads": .int(4),
  ]
  static let attributeMap = [
    "hidden_size": "d_model", "num_attention_heads": "num_heads", "num_hidden_layers": "num_layers", "head_dim": "d_kv",
  ]
  static let architectures = [
    "T5ForConditionalGeneration", "T5Model", "T5EncoderModel", "T5ForSequenceClassification",
    "T5ForTokenClassification", "T5ForQuestionAnswering",
  ]
  static let defaultArchitecture = "T5ForConditionalGeneration"

  struct Sizes {
    var vocab, dModel, inner, dFF, heads, buckets: Int
    var gated: Bool
    var activation: String
  }

  static func build(_ c: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    let proj = try c.string("feed_forward_proj", default: "relu")
    let parts = proj.split(separator: "-").map(String.init)
    guard let last = parts.last, parts.count <= 2, parts.count == 1 || parts[0] == "gated" else {
      throw c.error("feed_forward_proj", "\"\(proj)\" must be an activation or \"gated-<activation>\"")
    }
    let activation = proj == "gated-gelu" ? "gelu_new" : last
    guard Activation.classNames[activation] != nil else {
      throw c.error("feed_forward_proj", "names an unknown activation \"\(activation)\"")
    }
    let heads = try c.size("num_heads")
    let s = Sizes(
      vocab: try c.size("vocab_size"), dModel: try c.size("d_model"), inner: heads * (try c.size("d_kv")),
      dFF: try c.size("d_ff"), heads: heads, buckets: try c.size("relative_attention_num_buckets"),
      gated: parts.count == 2, activation: activation)
    let encoderLayers = try c.size("num_layers", in: 0...10_000)
    let decoderLayers = try c.size("num_decoder_layers", default: encoderLayers, in: 0...10_000)
    // T5Config forces tie_word_embeddings to True (a false value only turns off output
    // scaling in T5 v1.1), so lm_head always shares `shared.weight`.
    _ = try c.bool("tie_word_embeddings", default: true)

    var b = TreeBuilder()
    b.container("", architecture)
    func model(_ prefix: String, decoder: Bool) {
      let p = { (name: String) in TreeBuilder.join(prefix, name) }
      b.embedding(p("shared"), s.vocab, s.dModel)
      stack(&b, p("encoder"), s, layers: encoderLayers, decoder: false)
      b.tie(p("encoder.embed_tokens.weight"), to: p("shared.weight"))
      if decoder {
        stack(&b, p("decoder"), s, layers: decoderLayers, decoder: true)
        b.tie(p("decoder.embed_tokens.weight"), to: p("shared.weight"))
      }
    }
    switch architecture {
    case "T5EncoderModel":
      model("", decoder: false)
    case "T5ForTokenClassification":
      b.container("transformer", "T5EncoderModel")
      model("transformer", decoder: false)
      b.dropout("dropout")
      b.linear("classifier", s.dModel, try c.numLabels(), bias: true)
    case "T5ForSequenceClassification":
      b.container("transformer", "T5Model")
      model("transformer", decoder: true)
      b.container("classification_head", "T5ClassificationHead")
      b.linear("classification_head.dense", s.dModel, s.dModel, bias: true)
      b.dropout("classification_head.dropout")
      b.linear("classification_head.out_proj", s.dModel, try c.numLabels(), bias: true)
    case "T5ForQuestionAnswering":
      model("", decoder: true)
      b.linear("qa_outputs", s.dModel, 2, bias: true)
    case "T5ForConditionalGeneration":
      model("", decoder: true)
      b.linear("lm_head", s.dModel, s.vocab, bias: false)
      b.tie("lm_head.weight", to: "shared.weight")
    default:
      model("", decoder: true)
    }
    return b.tree(root: architecture)
  }

  static func stack(_ b: inout TreeBuilder, _ path: String, _ s: Sizes, layers: Int, decoder: Bool) {
    b.container(path, "T5Stack")
    b.embedding(path + ".embed_tokens", s.vocab, s.dModel)
    b.moduleList(path + ".block")
    for i in 0..<layers {
      let l = path + ".block.\(i)"
      b.container(l, "T5Block")
      b.moduleList(l + ".layer")
      b.container(l + ".layer.0", "T5LayerSelfAttention")
      attention(&b, l + ".layer.0.SelfAttention", s, relativeBias: i == 0)
      b.rmsNorm(l + ".layer.0.layer_norm", s.dModel, type: "T5LayerNorm")
      b.dropout(l + ".layer.0.dropout")
      var next = 1
      if decoder {
        b.container(l + ".layer.1", "T5LayerCrossAttention")
        attention(&b, l + ".layer.1.EncDecAttention", s, relativeBias: false)
        b.rmsNorm(l + ".layer.1.layer_norm", s.dModel, type: "T5LayerNorm")
        b.dropout(l + ".layer.1.dropout")
        next = 2
      }
      let ff = l + ".layer.\(next)"
      b.container(ff, "T5LayerFF")
      let dense = ff + ".DenseReluDense"
      if s.gated {
        b.container(dense, "T5DenseGatedActDense")
        b.linear(dense + ".wi_0", s.dModel, s.dFF, bias: false)
        b.linear(dense + ".wi_1", s.dModel, s.dFF, bias: false)
      } else {
        b.container(dense, "T5DenseActDense")
        b.linear(dense + ".wi", s.dModel, s.dFF, bias: false)
      }
      b.linear(dense + ".wo", s.dFF, s.dModel, bias: false)
      b.dropout(dense + ".dropout")
      b.activation(dense + ".act", s.activation)
      b.rmsNorm(ff + ".layer_norm", s.dModel, type: "T5LayerNorm")
      b.dropout(ff + ".dropout")
    }
    b.rmsNorm(path + ".final_layer_norm", s.dModel, type: "T5LayerNorm")
    b.dropout(path + ".dropout")
  }

  static func attention(_ b: inout TreeBuilder, _ path: String, _ s: Sizes, relativeBias: Bool) {
    b.container(path, "T5Attention")
    b.linear(path + ".q", s.dModel, s.inner, bias: false)
    b.linear(path + ".k", s.dModel, s.inner, bias: false)
    b.linear(path + ".v", s.dModel, s.inner, bias: false)
    b.linear(path + ".o", s.inner, s.dModel, bias: false)
    if relativeBias { b.embedding(path + ".relative_attention_bias", s.buckets, s.heads) }
  }
}
