import LoRANumerics

/// One adapter's factors and hyper-parameters on one layer (PEFT's `lora_A[name]`,
/// `lora_B[name]`, `scaling[name]`, `lora_dropout[name]`).
public struct LoraAdapter: Equatable, Sendable {
  /// The adapter name (`default`).
  public var name: String
  /// The rank.
  public var r: Int
  /// `lora_alpha`.
  public var alpha: Double
  /// `lora_alpha / r`, or `lora_alpha / sqrt(r)` with rsLoRA.
  public var scaling: Float
  /// Dropout probability on the LoRA branch input (0 = identity).
  public var dropout: Float
  /// `lora_A` [r, in] (Linear/Conv1D) or `lora_embedding_A` [r, num_embeddings].
  public var a: Tensor
  /// `lora_B` [out, r] (Linear/Conv1D) or `lora_embedding_B` [embedding_dim, r].
  public var b: Tensor
  /// DoRA's `lora_magnitude_vector` [out], when the adapter uses DoRA (saved and
  /// loaded; the DoRA forward is not implemented).
  public var magnitude: Tensor?

  /// PEFT's scaling: `alpha / r`, or `alpha / sqrt(r)` when `useRslora`.
  public static func scaling(r: Int, alpha: Double, useRslora: Bool) -> Float {
    guard r > 0 else { return 0 }
    return Float(useRslora ? alpha / Double(r).squareRoot() : alpha / Double(r))
  }
}

/// The three base layers PEFT wraps with `lora.Linear` / `lora.Embedding`.
public enum LoraBaseKind: String, Equatable, Sendable {
  /// `nn.Linear`: weight [out, in], `y = x Wᵀ + b`.
  case linear
  /// transformers' `Conv1D` (`fan_in_fan_out=True`): weight [in, out], `y = x W + b`.
  case conv1D
  /// `nn.Embedding`: weight [num_embeddings, embedding_dim], `y = W[ids]`.
  case embedding
}

/// How a forward pass runs: evaluation (no dropout) or training with seeded dropout.
public enum ForwardMode: Equatable, Sendable {
  /// `model.eval()`: dropout is the identity.
  case evaluation
  /// `model.train()`: dropout masks drawn from generators keyed by layer, adapter,
  /// `seed` and `step`, so a step is reproducible.
  case training(seed: UInt64, step: Int)

  /// Whether dropout is active.
  public var isTraining: Bool {
    if case .training = self { return true }
    return false
  }
}
