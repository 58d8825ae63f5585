import LoRAModules

/// Infers a module's kind and class name from its parameters' names and shapes, as
/// a safetensors header gives them.
///
/// - 2-D `weight` (+ `bias` [out]) is `Linear` [out, in]; a `bias` matching the second
///   dimension instead, or a GPT-2 hint, is transformers' `Conv1D` [in, out];
/// - 2-D `weight` without bias under an embedding-like name (`embed`, `wte`, `wpe`,
///   `shared`, `relative_attention_bias`, ...) is `Embedding`;
/// - 3-, 4-, 5-D `weight` is `Conv1d/2d/3d` [out, in, *kernel];
/// - 1-D `weight` is a norm (`LayerNorm` with a bias, `RMSNorm` without);
/// - `in_proj_weight` [3E, E] is `MultiheadAttention`;
/// - anything else is a container holding those parameters.
enum ModuleKindInference {
  struct Hints {
    /// The model uses transformers' Conv1D for 2-D weights (GPT-2 style).
    var conv1D = false
    /// Attention heads, for MultiheadAttention.
    var attentionHeads: Int?
  }

  static let embeddingMarkers = [
    "embed", "wte", "wpe", "shared", "token_type", "relative_attention_bias", "position_embedding",
    "word_embeddings", "tok_embeddings",
  ]

  static func infer(path: String, parameters: [Parameter], hints: Hints) -> (type: String, kind: ModuleKind) {
    let byName = Dictionary(parameters.map { ($0.name, $0.shape) }, uniquingKeysWith: { a, _ in a })
    let names = Set(byName.keys)
    let leaf = path.split(separator: ".").last.map(String.init) ?? path

    if let w = byName["in_proj_weight"], w.count == 2, w[0] == 3 * w[1],
      names.isSubset(of: ["in_proj_weight", "in_proj_bias"])
    {
      return (
        "MultiheadAttention",
        .multiheadAttention(embedDim: w[1], numHeads: hints.attentionHeads ?? 1, bias: names.contains("in_proj_bias"))
      )
    }
    guard let w = byName["weight"], names.isSubset(of: ["weight", "bias"]) else { return ("Module", .container) }
    let bias = byName["bias"]
    switch w.count {
    case 1:
      guard bias == nil || bias == w else { return ("Module", .container) }
      return bias == nil
        ? ("RMSNorm", .norm(normalizedShape: w[0], rms: true, bias: false))
        : ("LayerNorm", .norm(normalizedShape: w[0], rms: false, bias: true))
    case 2:
      if let b = bias {
        let conv1DShaped = b == [w[1]] && (b != [w[0]] || hints.conv1D)
        if conv1DShaped { return ("Conv1D", .transformersConv1D(inFeatures: w[0], outFeatures: w[1])) }
        guard b == [w[0]] else { return ("Module", .container) }
        return ("Linear", .linear(inFeatures: w[1], outFeatures: w[0], bias: true))
      }
      let lowered = leaf.lowercased()
      if embeddingMarkers.contains(where: { lowered.contains($0) }) {
        return ("Embedding", .embedding(numEmbeddings: w[0], embeddingDim: w[1]))
      }
      return ("Linear", .linear(inFeatures: w[1], outFeatures: w[0], bias: false))
    case 3, 4, 5:
      guard bias == nil || bias == [w[0]] else { return ("Module", .container) }
      let kernel = Array(w.dropFirst(2))
      return (
        "Conv\(kernel.count)d",
        .conv(
          dimensions: kernel.count, inChannels: w[1], outChannels: w[0], kernelSize: kernel, groups: 1,
          bias: bias != nil)
      )
    default:
      return ("Module", .container)
    }
  }
}
