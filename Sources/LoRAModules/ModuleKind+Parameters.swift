/// The one description of what a layer holds: the parameters PyTorch (or transformers) creates
/// for a layer kind from its constructor arguments. The catalog and module lists build layers
/// from it; safetensors inference (`ModuleKindInference` in LoRAModels) is its inverse, and a
/// test checks that the two agree for every kind.
extension ModuleKind {
  /// The parameters, in `named_parameters()` order, each `requires_grad` true:
  /// - `Linear(in, out)`: `weight` [out, in], `bias` [out];
  /// - `Embedding(n, d)`: `weight` [n, d];
  /// - `Conv{1,2,3}d(in, out, kernel, groups)`: `weight` [out, in / groups, *kernel], `bias` [out];
  /// - transformers' `Conv1D(nf = out, nx = in)`: `weight` [in, out], `bias` [out];
  /// - `LayerNorm(d)` / `RMSNorm(d)` (elementwise affine): `weight` [d], `bias` [d] (LayerNorm);
  /// - `MultiheadAttention(e)`: `in_proj_weight` [3e, e], `in_proj_bias` [3e] (its `out_proj`
  ///   is a child `Linear`);
  /// - containers and parameterless leaves: none.
  public var parameters: [Parameter] {
    switch self {
    case .linear(let inFeatures, let outFeatures, let bias):
      return [Parameter(name: "weight", shape: [outFeatures, inFeatures])]
        + (bias ? [Parameter(name: "bias", shape: [outFeatures])] : [])
    case .embedding(let count, let dim):
      return [Parameter(name: "weight", shape: [count, dim])]
    case .conv(_, let inChannels, let outChannels, let kernel, let groups, let bias):
      return [Parameter(name: "weight", shape: [outChannels, inChannels / max(groups, 1)] + kernel)]
        + (bias ? [Parameter(name: "bias", shape: [outChannels])] : [])
    case .transformersConv1D(let inFeatures, let outFeatures):
      return [
        Parameter(name: "weight", shape: [inFeatures, outFeatures]), Parameter(name: "bias", shape: [outFeatures]),
      ]
    case .norm(let size, _, let bias):
      return [Parameter(name: "weight", shape: [size])] + (bias ? [Parameter(name: "bias", shape: [size])] : [])
    case .multiheadAttention(let dim, _, let bias):
      return [Parameter(name: "in_proj_weight", shape: [3 * dim, dim])]
        + (bias ? [Parameter(name: "in_proj_bias", shape: [3 * dim])] : [])
    case .container, .other:
      return []
    }
  }
}
