import LoRANumerics

/// A base layer (Linear, Conv1D or Embedding) with its LoRA adapters: PEFT's
/// `lora.Linear` / `lora.Embedding` as values.
///
/// The base weight is kept in its own layout (`Linear` [out, in], `Conv1D` [in, out],
/// `Embedding` [num, dim]); adapters are kept in insertion order; `activeAdapters`
/// are summed in their order; merged adapters are recorded in merge order.
public struct LoraLayer: Equatable, Sendable {
  /// The module path (`model.layers.0.self_attn.q_proj`), used in errors and dropout keys.
  public var path: String
  /// Which base layer this is.
  public let kind: LoraBaseKind
  /// The base weight in the base layer's layout (after merges, including the merged deltas).
  public private(set) var weight: Tensor
  /// The base bias [out], if any (never for Embedding).
  public private(set) var bias: Tensor?
  /// Adapters in the order they were added.
  public private(set) var adapters: [LoraAdapter] = []
  /// The adapters used by forward and merge, in order (PEFT's `active_adapters`).
  public var activeAdapters: [String] = []
  /// `disable_adapter()`: forward gives the base output only.
  public var adaptersDisabled = false
  /// Merged adapters in merge order (PEFT's `merged_adapters`).
  public private(set) var mergedAdapters: [String] = []
  /// DoRA weight norms computed at merge time, needed to unmerge (PEFT's `<name>-weight_norm` cache).
  var doraMergeNorms: [String: [Float]] = [:]

  /// A layer with no adapters; throws when the weight is not a matrix or the bias does not fit.
  public init(path: String, kind: LoraBaseKind, weight: Tensor, bias: Tensor? = nil) throws {
    guard weight.rank == 2 else {
      throw LoraLayerError.shapeMismatch(layer: path, what: "weight", expected: [-1, -1], got: weight.shape)
    }
    self.path = path
    self.kind = kind
    self.weight = weight
    if let bias {
      let out = kind == .conv1D ? weight.shape[1] : weight.shape[0]
      guard kind != .embedding, bias.shape == [out] else {
        throw LoraLayerError.shapeMismatch(layer: path, what: "bias", expected: [out], got: bias.shape)
      }
    }
    self.bias = bias
  }

  /// Input features (`num_embeddings` for an Embedding).
  public var inFeatures: Int { kind == .linear ? weight.shape[1] : weight.shape[0] }
  /// Output features (`embedding_dim` for an Embedding).
  public var outFeatures: Int { kind == .linear ? weight.shape[0] : weight.shape[1] }
  /// Whether any adapter is merged into the weight (PEFT's `merged`).
  public var isMerged: Bool { !mergedAdapters.isEmpty }
  /// The names of all adapters, in insertion order.
  public var adapterNames: [String] { adapters.map(\.name) }

  /// The adapter with this name, if present.
  public func adapter(named name: String) -> LoraAdapter? {
    adapters.first { $0.name == name }
  }

  /// Adds an adapter initialised as PEFT does (`update_layer`). The first adapter
  /// added becomes active when nothing is active yet (as `get_peft_model` does);
  /// later ones are inactive, as `add_adapter` leaves them.
  public mutating func addAdapter(
    name: String, r: Int, alpha: Double, dropout: Float = 0, useRslora: Bool = false,
    initMode: LoraInitMode = .standard, useDora: Bool = false, seed: UInt64 = 0
  ) throws {
    guard r > 0 else {
      throw LoraLayerError.invalidArgument("`r` should be a positive integer value but the value passed is \(r)")
    }
    guard dropout >= 0, dropout <= 1 else {
      throw LoraLayerError.invalidArgument("dropout probability has to be between 0 and 1, but got \(dropout)")
    }
    if useDora, kind == .embedding {
      throw LoraLayerError.invalidArgument("layer '\(path)': DoRA on an Embedding is not modelled")
    }
    let key = path + "." + name
    let factors =
      kind == .embedding
      ? try LoraInitialisation.embeddingFactors(
        numEmbeddings: inFeatures, embeddingDim: outFeatures, r: r, mode: initMode, seed: seed, key: key)
      : try LoraInitialisation.linearFactors(
        inFeatures: inFeatures, outFeatures: outFeatures, r: r, mode: initMode, seed: seed, key: key)
    try insert(
      LoraAdapter(
        name: name, r: r, alpha: alpha, scaling: LoraAdapter.scaling(r: r, alpha: alpha, useRslora: useRslora),
        dropout: kind == .embedding ? 0 : dropout, a: factors.a, b: factors.b))
    if useDora {
      guard let added = adapter(named: name) else { throw LoraLayerError.unknownAdapter(name, layer: path) }
      // PEFT initialises the magnitude to ‖W + s·B·A‖ per output feature.
      try setMagnitude(of: name, Tensor(vector: doraWeightNorm(base: weight, adapter: added)))
    }
  }

  /// Adds an adapter with given factors (loading a checkpoint); shapes are checked.
  public mutating func insert(_ adapter: LoraAdapter) throws {
    guard self.adapter(named: adapter.name) == nil else {
      throw LoraLayerError.duplicateAdapter(adapter.name, layer: path)
    }
    try checkFactorShapes(adapter)
    adapters.append(adapter)
    if activeAdapters.isEmpty { activeAdapters = [adapter.name] }
  }

  /// Replaces an existing adapter's factors (an optimiser step, a loaded checkpoint).
  public mutating func setFactors(of name: String, a: Tensor, b: Tensor) throws {
    guard let i = adapters.firstIndex(where: { $0.name == name }) else {
      throw LoraLayerError.unknownAdapter(name, layer: path)
    }
    var updated = adapters[i]
    updated.a = a
    updated.b = b
    try checkFactorShapes(updated)
    adapters[i] = updated
  }

  /// Sets the magnitude vector of a DoRA adapter ([out]).
  public mutating func setMagnitude(of name: String, _ magnitude: Tensor?) throws {
    guard let i = adapters.firstIndex(where: { $0.name == name }) else {
      throw LoraLayerError.unknownAdapter(name, layer: path)
    }
    if let magnitude, magnitude.shape != [outFeatures] {
      throw LoraLayerError.shapeMismatch(
        layer: path, what: "lora_magnitude_vector", expected: [outFeatures], got: magnitude.shape)
    }
    adapters[i].magnitude = magnitude
  }

  /// Chooses the active adapters (PEFT's tuner-level `set_adapter([...])`); every name must exist.
  public mutating func setActiveAdapters(_ names: [String]) throws {
    for name in names where adapter(named: name) == nil {
      throw LoraLayerError.unknownAdapter(name, layer: path)
    }
    activeAdapters = names
  }

  /// Removes an adapter; refused while it is merged (PEFT 0.21's rule).
  public mutating func deleteAdapter(_ name: String) throws {
    guard adapter(named: name) != nil else { throw LoraLayerError.unknownAdapter(name, layer: path) }
    if mergedAdapters.contains(name) {
      throw LoraLayerError.invalidArgument(
        "Cannot delete adapter(s) ['\(name)'] while they are merged. Please unmerge them first.")
    }
    adapters.removeAll { $0.name == name }
    activeAdapters.removeAll { $0 == name }
  }

  mutating func setWeight(_ newWeight: Tensor) { weight = newWeight }
  mutating func setMergedAdapters(_ names: [String]) { mergedAdapters = names }

  private func checkFactorShapes(_ adapter: LoraAdapter) throws {
    let names = kind == .embedding ? ("lora_embedding_A", "lora_embedding_B") : ("lora_A", "lora_B")
    guard adapter.a.shape == [adapter.r, inFeatures] else {
      throw LoraLayerError.shapeMismatch(
        layer: path, what: names.0, expected: [adapter.r, inFeatures], got: adapter.a.shape)
    }
    guard adapter.b.shape == [outFeatures, adapter.r] else {
      throw LoraLayerError.shapeMismatch(
        layer: path, what: names.1, expected: [outFeatures, adapter.r], got: adapter.b.shape)
    }
  }
}
