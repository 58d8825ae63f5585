import Support

/// PEFT's `init_lora_weights` modes that lora-spec reproduces.
public enum LoraInitMode: Hashable, Sendable {
  /// `True` (default): Linear A kaiming-uniform (a = √5), B zeros; Embedding A zeros, B N(0, 1).
  case standard
  /// `"gaussian"`: Linear A ~ N(0, std 1/r), B zeros; Embedding as `standard`.
  case gaussian
  /// `False`: no re-initialisation: Linear A and B keep `nn.Linear`'s default
  /// (B non-zero); Embedding keeps `torch.randn` for both. Not a no-op.
  case noReinit

  /// Parses the JSON value of `init_lora_weights`: `true`, `false` or `"gaussian"`.
  public init?(jsonValue: Any) {
    if let b = jsonValue as? Bool {
      self = b ? .standard : .noReinit
    } else if let s = jsonValue as? String, s == "gaussian" {
      self = .gaussian
    } else {
      return nil
    }
  }
}

/// The initial values PEFT gives new LoRA factors, drawn from name-keyed generators.
///
/// PyTorch's own random stream is not reproduced (its values depend on torch's global
/// generator); the distributions and their parameters are the same as PEFT 0.21.2's.
public enum LoraInitialisation {
  /// The bound of `nn.init.kaiming_uniform_(w, a=sqrt(5))` (nn.Linear's default):
  /// gain √(2/(1+a²)) = √(1/3), std = gain/√fan_in, bound = √3·std = 1/√fan_in.
  public static func kaimingUniformBound(fanIn: Int) -> Float {
    guard fanIn > 0 else { return 0 }
    let gain = (2.0 / (1.0 + 5.0)).squareRoot()
    let std = gain / Double(fanIn).squareRoot()
    return Float(3.0.squareRoot() * std)
  }

  /// A tensor `[rows, fanIn]` drawn from `U(-1/√fanIn, 1/√fanIn)`, as `nn.Linear` initialises its weight.
  public static func kaimingUniform(rows: Int, fanIn: Int, generator: inout SeededGenerator) throws -> Tensor {
    let bound = kaimingUniformBound(fanIn: fanIn)
    var t = try Tensor(shape: [rows, fanIn])
    t.withMutableScalars { s in
      for i in s.indices { s[i] = generator.nextUniform(-bound, bound) }
    }
    return t
  }

  /// A tensor of the given shape with N(mean, std) entries.
  public static func normal(
    shape: [Int], mean: Float = 0, std: Float = 1, generator: inout SeededGenerator
  ) throws -> Tensor {
    var t = try Tensor(shape: shape)
    t.withMutableScalars { s in
      for i in s.indices { s[i] = generator.nextNormal(mean: mean, std: std) }
    }
    return t
  }

  /// `lora_A` [r, in] and `lora_B` [out, r] for a Linear or Conv1D layer.
  ///
  /// - Parameters:
  ///   - key: a stable name (the layer path and adapter name); A and B use `key + ".lora_A"`
  ///     and `key + ".lora_B"` as generator keys.
  public static func linearFactors(
    inFeatures: Int, outFeatures: Int, r: Int, mode: LoraInitMode, seed: UInt64, key: String
  ) throws -> (a: Tensor, b: Tensor) {
    guard r > 0 else {
      throw TensorError("lora init", "`r` should be a positive integer value but the value passed is \(r)")
    }
    var genA = SeededGenerator(seed: seed, key: key + ".lora_A")
    var genB = SeededGenerator(seed: seed, key: key + ".lora_B")
    switch mode {
    case .standard:
      return (try kaimingUniform(rows: r, fanIn: inFeatures, generator: &genA), try Tensor(shape: [outFeatures, r]))
    case .gaussian:
      return (
        try normal(shape: [r, inFeatures], std: 1 / Float(r), generator: &genA), try Tensor(shape: [outFeatures, r])
      )
    case .noReinit:
      return (
        try kaimingUniform(rows: r, fanIn: inFeatures, generator: &genA),
        try kaimingUniform(rows: outFeatures, fanIn: r, generator: &genB)
      )
    }
  }

  /// `lora_embedding_A` [r, numEmbeddings] and `lora_embedding_B` [embeddingDim, r].
  public static func embeddingFactors(
    numEmbeddings: Int, embeddingDim: Int, r: Int, mode: LoraInitMode, seed: UInt64, key: String
  ) throws -> (a: Tensor, b: Tensor) {
    guard r > 0 else {
      throw TensorError("lora init", "`r` should be a positive integer value but the value passed is \(r)")
    }
    var genA = SeededGenerator(seed: seed, key: key + ".lora_embedding_A")
    var genB = SeededGenerator(seed: seed, key: key + ".lora_embedding_B")
    let b = try normal(shape: [embeddingDim, r], generator: &genB)
    switch mode {
    case .standard, .gaussian:
      return (try Tensor(shape: [r, numEmbeddings]), b)
    case .noReinit:
      return (try normal(shape: [r, numEmbeddings], generator: &genA), b)
    }
  }
}
