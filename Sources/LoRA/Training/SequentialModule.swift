/// One entry of a sequential model, as `nn.Sequential` lists it.
public enum SequentialModule: Equatable, Sendable {
  /// `nn.Embedding(num, dim)`; only as the first module.
  case embedding(numEmbeddings: Int, embeddingDim: Int)
  /// `nn.Linear(in, out, bias)`.
  case linear(inFeatures: Int, outFeatures: Int, bias: Bool = true)
  /// `nn.ReLU()`.
  case relu
  /// `nn.GELU()` (exact, erf form).
  case gelu
  /// `nn.SiLU()`.
  case silu
  /// `nn.Tanh()`.
  case tanh
  /// `nn.LayerNorm(dim, eps)` with weight 1 and bias 0 at construction.
  case layerNorm(dim: Int, eps: Float = 1e-5)
  /// `nn.Dropout(p)`.
  case dropout(p: Float)

  /// PyTorch's class name.
  public var typeName: String {
    switch self {
    case .embedding: "Embedding"
    case .linear: "Linear"
    case .relu: "ReLU"
    case .gelu: "GELU"
    case .silu: "SiLU"
    case .tanh: "Tanh"
    case .layerNorm: "LayerNorm"
    case .dropout: "Dropout"
    }
  }
}
