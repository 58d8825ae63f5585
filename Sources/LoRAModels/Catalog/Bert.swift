import ConfigValues
import LoRAModules
import LoRANumerics

/// `bert` (BertConfig): `bert.embeddings`, `bert.encoder.layer.N` with
/// attention.self.query/key/value, attention.output.dense, intermediate.dense,
/// output.dense; heads per class (the pooler only where transformers adds it).
enum BertArchitecture: CatalogArchitecture {
  static let modelType = "bert"
  static let defaults: ConfigObject = [
    "vocab_size": .int(30522), "hidden_size": .int(768), "num_hidden_layers": .int(12),
    "num_attention_heads": .int(12), "intermediate_size": .int(3072), "hidden_act": .string("gelu"),
    "max_position_embeddings": .int(512), "type_vocab_size": .int(2), "tie_word_embeddings": .bool(true),
  ]
  static let tiny: ConfigObject = [
    "vocab_size": .int(128), "hidden_size": .int(32), "num_hidden_layers": .int(2), "num_attention_heads": .int(4),
    "intermediate_size": .int(64), "max_position_embeddings": .int(64),
  ]
  static let architectures = [
    "BertForSequenceClassification", "BertModel", "BertForMaskedLM", "BertForTokenClassification",
    "BertForQuestionAnswering", "BertForPreTraining", "BertForMultipleChoice", "BertForNextSentencePrediction",
    "BertLMHeadModel",
  ]
  static let defaultArchitecture = "BertForSequenceClassification"

  static func build(_ c: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree {
    let vocab = try c.size("vocab_size")
    let hidden = try c.size("hidden_size")
    let layers = try c.size("num_hidden_layers", in: 0...10_000)
    let heads = try c.size("num_attention_heads")
    guard hidden % heads == 0 else {
      throw c.error("hidden_size", "(\(hidden)) must be a multiple of num_attention_heads (\(heads))")
    }
    let intermediate = try c.size("intermediate_size")
    let activation = try c.activation("hidden_act", default: "gelu")
    let positions = try c.size("max_position_embeddings")
    let typeVocab = try c.size("type_vocab_size", in: 0...Int(Int32.max))
    let crossAttention = try c.bool("add_cross_attention", default: false)
    let tie = try c.bool("tie_word_embeddings", default: true)
    let pooled = [
      "BertModel", "BertForSequenceClassification", "BertForPreTraining", "BertForMultipleChoice",
      "BertForNextSentencePrediction",
    ].contains(architecture)

    var b = TreeBuilder()
    b.container("", architecture)
    let base = architecture == "BertModel" ? "" : "bert"
    let p = { (name: String) in TreeBuilder.join(base, name) }
    if !base.isEmpty { b.container(base, "BertModel") }
    b.container(p("embeddings"), "BertEmbeddings")
    b.embedding(p("embeddings.word_embeddings"), vocab, hidden)
    b.embedding(p("embeddings.position_embeddings"), positions, hidden)
    b.embedding(p("embeddings.token_type_embeddings"), typeVocab, hidden)
    b.layerNorm(p("embeddings.LayerNorm"), hidden)
    b.dropout(p("embeddings.dropout"))
    b.container(p("encoder"), "BertEncoder")
    b.moduleList(p("encoder.layer"))
    for i in 0..<layers {
      let l = p("encoder.layer.\(i)")
      b.container(l, "BertLayer")
      attention(&b, l + ".attention", hidden, selfType: "BertSelfAttention")
      if crossAttention { attention(&b, l + ".crossattention", hidden, selfType: "BertCrossAttention") }
      b.container(l + ".intermediate", "BertIntermediate")
      b.linear(l + ".intermediate.dense", hidden, intermediate, bias: true)
      b.activation(l + ".intermediate.intermediate_act_fn", activation)
      b.container(l + ".output", "BertOutput")
      b.linear(l + ".output.dense", intermediate, hidden, bias: true)
      b.layerNorm(l + ".output.LayerNorm", hidden)
      b.dropout(l + ".output.dropout")
    }
    if pooled {
      b.container(p("pooler"), "BertPooler")
      b.linear(p("pooler.dense"), hidden, hidden, bias: true)
      b.leaf(p("pooler.activation"), "Tanh")
    }

    switch architecture {
    case "BertForSequenceClassification", "BertForTokenClassification":
      b.dropout("dropout")
      b.linear("classifier", hidden, try c.numLabels(), bias: true)
    case "BertForMultipleChoice":
      b.dropout("dropout")
      b.linear("classifier", hidden, 1, bias: true)
    case "BertForQuestionAnswering":
      b.linear("qa_outputs", hidden, 2, bias: true)
    case "BertForMaskedLM", "BertLMHeadModel":
      b.container("cls", "BertOnlyMLMHead")
      predictionHead(&b, hidden, vocab, activation, tie: tie)
    case "BertForPreTraining":
      b.container("cls", "BertPreTrainingHeads")
      predictionHead(&b, hidden, vocab, activation, tie: tie)
      b.linear("cls.seq_relationship", hidden, 2, bias: true)
    case "BertForNextSentencePrediction":
      b.container("cls", "BertOnlyNSPHead")
      b.linear("cls.seq_relationship", hidden, 2, bias: true)
    default:
      break
    }
    return b.tree(root: architecture)
  }

  static func attention(_ b: inout TreeBuilder, _ path: String, _ hidden: Int, selfType: String) {
    b.container(path, "BertAttention")
    b.container(path + ".self", selfType)
    b.linear(path + ".self.query", hidden, hidden, bias: true)
    b.linear(path + ".self.key", hidden, hidden, bias: true)
    b.linear(path + ".self.value", hidden, hidden, bias: true)
    b.dropout(path + ".self.dropout")
    b.container(path + ".output", "BertSelfOutput")
    b.linear(path + ".output.dense", hidden, hidden, bias: true)
    b.layerNorm(path + ".output.LayerNorm", hidden)
    b.dropout(path + ".output.dropout")
  }

  /// `cls.predictions`: transform (dense, act, LayerNorm) and the decoder, whose
  /// weight is the word embedding and whose bias is `cls.predictions.bias` when tied.
  static func predictionHead(_ b: inout TreeBuilder, _ hidden: Int, _ vocab: Int, _ activation: String, tie: Bool) {
    b.container("cls.predictions", "BertLMPredictionHead", [Parameter(name: "bias", shape: [vocab])])
    b.container("cls.predictions.transform", "BertPredictionHeadTransform")
    b.linear("cls.predictions.transform.dense", hidden, hidden, bias: true)
    b.activation("cls.predictions.transform.transform_act_fn", activation)
    b.layerNorm("cls.predictions.transform.LayerNorm", hidden)
    b.linear("cls.predictions.decoder", hidden, vocab, bias: true)
    if tie {
      b.tie("cls.predictions.decoder.weight", to: "bert.embeddings.word_embeddings.weight")
      b.tie("cls.predictions.decoder.bias", to: "cls.predictions.bias")
    }
  }
}
