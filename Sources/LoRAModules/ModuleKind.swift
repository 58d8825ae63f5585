/// What a module is, in PyTorch's terms, with the constructor arguments that decide
/// its parameter shapes and whether PEFT can put a LoRA layer on it.
///
/// Containers (a decoder layer, `nn.ModuleList`, the model itself) have no
/// parameters of their own in practice; `other` covers leaves PEFT cannot adapt
/// (activations, dropout, rotary embeddings) under their Python class name.
public enum ModuleKind: Hashable, Sendable {
  /// `torch.nn.Linear(in_features, out_features, bias)`; weight [out, in].
  case linear(inFeatures: Int, outFeatures: Int, bias: Bool)
  /// `torch.nn.Embedding(num_embeddings, embedding_dim)`; weight [num, dim].
  case embedding(numEmbeddings: Int, embeddingDim: Int)
  /// `torch.nn.Conv1d/2d/3d`; `dimensions` is 1, 2 or 3; weight [out, in/groups, *kernel].
  case conv(dimensions: Int, inChannels: Int, outChannels: Int, kernelSize: [Int], groups: Int, bias: Bool)
  /// transformers' `Conv1D(nf, nx)` (GPT-2): weight stored [nx, nf] = [in, out], bias [nf].
  case transformersConv1D(inFeatures: Int, outFeatures: Int)
  /// `torch.nn.LayerNorm` or an RMSNorm (`rms` true): weight [shape], bias when `bias`.
  case norm(normalizedShape: Int, rms: Bool, bias: Bool)
  /// `torch.nn.MultiheadAttention(embed_dim, num_heads, bias)`.
  case multiheadAttention(embedDim: Int, numHeads: Int, bias: Bool)
  /// A module that holds other modules (or nothing LoRA-relevant).
  case container
  /// A leaf with no LoRA support (activation, dropout, rotary embedding...).
  case other
}

extension ModuleKind {
  /// True for `torch.nn.Linear` and transformers' `Conv1D`: the layers `all-linear` selects.
  public var isLinearLike: Bool {
    switch self {
    case .linear, .transformersConv1D: true
    default: false
    }
  }
}
