import LoRAModules
import LoRANumerics

/// The Llama-style decoder shared by llama, mistral, qwen2, gemma and the text half
/// of qwen2_vl: embed_tokens, layers (self_attn q/k/v/o, mlp gate/up/down/act_fn,
/// input_layernorm, post_attention_layernorm), norm, rotary_emb; and the generic
/// task heads transformers builds on top of it.
struct DecoderLM {
  /// Class names.
  var modelClass: String
  var layerClass: String
  var attentionClass: String
  var mlpClass: String
  var normClass: String
  var rotaryClass: String
  var embeddingClass = "Embedding"
  /// Sizes.
  var vocab: Int
  var hidden: Int
  var intermediate: Int
  var layers: Int
  var heads: Int
  var kvHeads: Int
  var headDim: Int
  /// Biases.
  var qkvBias: Bool
  var outputBias: Bool
  var mlpBias: Bool
  var activation: String
  /// `tie_word_embeddings` (resolved, including a VLM's text config).
  var tieWordEmbeddings: Bool
  /// Where `<Prefix>ForQuestionAnswering` keeps the base model (`transformer` for
  /// Llama and Qwen2, `model` for Mistral).
  var questionAnsweringPrefix = "transformer"

  /// Reads the shared keys; `prefix` gives the class names (`Llama` -> `LlamaModel`, ...).
  init(_ c: ModelConfig, prefix: String, qkvBias: Bool, outputBias: Bool, mlpBias: Bool) throws(ModelSourceError) {
    modelClass = prefix + "Model"
    layerClass = prefix + "DecoderLayer"
    attentionClass = prefix + "Attention"
    mlpClass = prefix + "MLP"
    normClass = prefix + "RMSNorm"
    rotaryClass = prefix + "RotaryEmbedding"
    vocab = try c.size("vocab_size")
    hidden = try c.size("hidden_size")
    intermediate = try c.size("intermediate_size")
    layers = try c.size("num_hidden_layers", in: 0...10_000)
    heads = try c.size("num_attention_heads")
    kvHeads = try c.size("num_key_value_heads", default: heads)
    guard heads % kvHeads == 0 else {
      throw c.error("num_attention_heads", "(\(heads)) must be a multiple of num_key_value_heads (\(kvHeads))")
    }
    headDim = try c.headDim(hidden: hidden, heads: heads)
    guard headDim >= 1 else {
      throw c.error("hidden_size", "(\(hidden)) is smaller than num_attention_heads (\(heads))")
    }
    self.qkvBias = qkvBias
    self.outputBias = outputBias
    self.mlpBias = mlpBias
    activation = try c.activation("hidden_act", default: "silu")
    tieWordEmbeddings = try c.bool("tie_word_embeddings", default: false)
  }

  /// The base model (`LlamaModel`) at `prefix`.
  func base(_ b: inout TreeBuilder, at prefix: String) {
    let p = { (name: String) in TreeBuilder.join(prefix, name) }
    if !prefix.isEmpty { b.container(prefix, modelClass) }
    b.embedding(p("embed_tokens"), vocab, hidden, type: embeddingClass)
    b.moduleList(p("layers"))
    for i in 0..<layers {
      let l = p("layers.\(i)")
      b.container(l, layerClass)
      b.container(l + ".self_attn", attentionClass)
      b.linear(l + ".self_attn.q_proj", hidden, heads * headDim, bias: qkvBias)
      b.linear(l + ".self_attn.k_proj", hidden, kvHeads * headDim, bias: qkvBias)
      b.linear(l + ".self_attn.v_proj", hidden, kvHeads * headDim, bias: qkvBias)
      b.linear(l + ".self_attn.o_proj", heads * headDim, hidden, bias: outputBias)
      b.container(l + ".mlp", mlpClass)
      b.linear(l + ".mlp.gate_proj", hidden, intermediate, bias: mlpBias)
      b.linear(l + ".mlp.up_proj", hidden, intermediate, bias: mlpBias)
      b.linear(l + ".mlp.down_proj", intermediate, hidden, bias: mlpBias)
      b.activation(l + ".mlp.act_fn", activation)
      b.rmsNorm(l + ".input_layernorm", hidden, type: normClass)
      b.rmsNorm(l + ".post_attention_layernorm", hidden, type: normClass)
    }
    b.rmsNorm(p("norm"), hidden, type: normClass)
    b.leaf(p("rotary_emb"), rotaryClass)
  }

  /// The classes `heads(prefix:)` can build for a family prefix.
  static func architectures(_ prefix: String, questionAnswering: Bool = true) -> [String] {
    [prefix + "ForCausalLM", prefix + "Model", prefix + "ForSequenceClassification", prefix + "ForTokenClassification"]
      + (questionAnswering ? [prefix + "ForQuestionAnswering"] : [])
  }

  /// Builds `architecture` (`<Prefix>ForCausalLM`, `Model`, `ForSequenceClassification`,
  /// `ForTokenClassification`, `ForQuestionAnswering`).
  func tree(_ architecture: String, config c: ModelConfig) throws(ModelSourceError) -> ModuleTree {
    var b = TreeBuilder()
    b.container("", architecture)
    switch architecture {
    case _ where architecture.hasSuffix("ForCausalLM"):
      base(&b, at: "model")
      b.linear("lm_head", hidden, vocab, bias: false)
      if tieWordEmbeddings { b.tie("lm_head.weight", to: "model.embed_tokens.weight") }
    case _ where architecture.hasSuffix("ForSequenceClassification"):
      base(&b, at: "model")
      b.linear("score", hidden, try c.numLabels(), bias: false)
    case _ where architecture.hasSuffix("ForTokenClassification"):
      base(&b, at: "model")
      b.dropout("dropout")
      b.linear("score", hidden, try c.numLabels(), bias: true)
    case _ where architecture.hasSuffix("ForQuestionAnswering"):
      base(&b, at: questionAnsweringPrefix)
      b.linear("qa_outputs", hidden, 2, bias: true)
    default:
      base(&b, at: "")
    }
    return b.tree(root: architecture)
  }
}
