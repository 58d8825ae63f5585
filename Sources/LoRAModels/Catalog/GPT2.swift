import ConfigValues
import LoRAModules
import LoRANumerics

/// `gpt2` (GPT2Config): `transformer.h.N` blocks whose projections are transformers'
/// `Conv1D` (weights stored [in, out]); `lm_head` tied to `transformer.wte`.
enum GPT2Architecture: CatalogArchitecture {
  static let modelType = "gpt2"
  static let defaults: ConfigObject = [
    "vocab_size": .int(50257), "n_positions": .int(1024), "n_embd": .int(768), "n_layer": .int(12),
    "n_head": .int(12), "activation_function": .string("gelu_new"), "add_cross_attention": .bool(false),
    "tie_word_embeddings": .bool(true),
  ]
  static let tiny: ConfigObject = [
    "vocab_size": .int(128), "n_positions": .int(64), "n_embd": .int(32), "n_layer": .int(2), "n_head": .int(4),
  ]
  static let attributeMap = [
    "hidden_size": "n_embd", "max_position_embeddings": "n_positions", "num_attention_heads": "n_head",
    "num_hidden_layers": "n_layer",
  ]
  static let architectures = [
    "GPT2LMHeadModel", "GPT2Model", "GPT2ForSequenceClassification", "GPT2ForTokenClassification",
    "GPT2ForQuestionAnswering",
  ]
  static let defaultArchitecture = "GPT2LMHeadModel"

  static func build(_ c: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    let vocab = try c.size("vocab_size")
    let positions = try c.size("n_positions")
    let hidden = try c.size("n_embd")
    let layers = try c.size("n_layer", in: 0...10_000)
    _ = try c.size("n_head")
    let inner = try c.size("n_inner", default: 4 * hidden)
    let activation = try c.activation("activation_function", default: "gelu_new")
    let crossAttention = try c.bool("add_cross_attention", default: false)

    var b = TreeBuilder()
    b.container("", architecture)
    let base = architecture == "GPT2Model" ? "" : "transformer"
    let p = { (name: String) in TreeBuilder.join(base, name) }
    if !base.isEmpty { b.container(base, "GPT2Model") }
    b.embedding(p("wte"), vocab, hidden)
    b.embedding(p("wpe"), positions, hidden)
    b.dropout(p("drop"))
    b.moduleList(p("h"))
    for i in 0..<layers {
      let l = p("h.\(i)")
      b.container(l, "GPT2Block")
      b.layerNorm(l + ".ln_1", hidden)
      b.container(l + ".attn", "GPT2Attention")
      b.conv1D(l + ".attn.c_attn", hidden, 3 * hidden)
      b.conv1D(l + ".attn.c_proj", hidden, hidden)
      b.dropout(l + ".attn.attn_dropout")
      b.dropout(l + ".attn.resid_dropout")
      b.layerNorm(l + ".ln_2", hidden)
      if crossAttention {
        b.container(l + ".crossattention", "GPT2Attention")
        b.conv1D(l + ".crossattention.c_attn", hidden, 2 * hidden)
        b.conv1D(l + ".crossattention.q_attn", hidden, hidden)
        b.conv1D(l + ".crossattention.c_proj", hidden, hidden)
        b.dropout(l + ".crossattention.attn_dropout")
        b.dropout(l + ".crossattention.resid_dropout")
        b.layerNorm(l + ".ln_cross_attn", hidden)
      }
      b.container(l + ".mlp", "GPT2MLP")
      b.conv1D(l + ".mlp.c_fc", hidden, inner)
      b.conv1D(l + ".mlp.c_proj", inner, hidden)
      b.activation(l + ".mlp.act", activation)
      b.dropout(l + ".mlp.dropout")
    }
    b.layerNorm(p("ln_f"), hidden)

    switch architecture {
    case "GPT2LMHeadModel":
      b.linear("lm_head", hidden, vocab, bias: false)
      if try c.bool("tie_word_embeddings", default: true) { b.tie("lm_head.weight", to: "transformer.wte.weight") }
    case "GPT2ForSequenceClassification":
      b.linear("score", hidden, try c.numLabels(), bias: false)
    case "GPT2ForTokenClassification":
      b.dropout("dropout")
      b.linear("classifier", hidden, try c.numLabels(), bias: true)
    case "GPT2ForQuestionAnswering":
      b.linear("qa_outputs", hidden, 2, bias: true)
    default:
      break
    }
    return b.tree(root: architecture)
  }
}
