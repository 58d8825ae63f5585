import LoRANumerics

/// The input of a layer: features for Linear/Conv1D, token ids for Embedding.
public enum LayerInput: Equatable, Sendable {
  /// A matrix [tokens, in_features].
  case features(Tensor)
  /// Token ids, each in `0..<num_embeddings`.
  case tokens([Int])
}

/// What a training forward keeps for the backward pass.
public struct LoraForwardCache: Sendable {
  let input: LayerInput
  /// Per adapter that contributed: the (dropped-out) LoRA input, its dropout mask, and `h = drop(x)·Aᵀ`.
  var branches: [(name: String, dropped: Tensor?, mask: [Float]?, h: Tensor)] = []
  /// A DoRA adapter took part (backward through DoRA is not modelled).
  var hasDora = false
}

extension LoraLayer {
  /// PEFT's forward: the base output, plus `s·(drop(x)·Aᵀ)·Bᵀ` for each active adapter present
  /// on the layer, in order. Disabled adapters or a merged layer give the base output
  /// (a disabled merged layer computes with the unmerged weight, as PEFT unmerges first).
  public func forward(_ input: LayerInput, mode: ForwardMode = .evaluation) throws -> Tensor {
    if let fused = try fusedForward(input, mode: mode) { return fused }
    return try forwardWithCache(input, mode: mode).output
  }

  /// The common inference case — a Linear with one active unmerged adapter and no active
  /// dropout — through the fused kernel (`B·A` never formed). Nil when it does not apply.
  func fusedForward(_ input: LayerInput, mode: ForwardMode) throws -> Tensor? {
    guard kind == .linear, !adaptersDisabled, !isMerged, case .features(let x) = input else { return nil }
    let present = activeAdapters.compactMap { adapter(named: $0) }
    guard present.count == 1, let adapter = present.first, adapter.magnitude == nil,
      adapter.dropout == 0 || !mode.isTraining
    else {
      return nil
    }
    guard x.rank == 2, x.shape[1] == inFeatures else {
      throw LoraLayerError.shapeMismatch(
        layer: path, what: "input", expected: [x.shape.first ?? 0, inFeatures], got: x.shape)
    }
    return try Tensor.loraLinear(
      x: x, weight: weight, bias: bias, a: adapter.a, b: adapter.b, scale: adapter.scaling)
  }

  /// Convenience for Linear/Conv1D layers.
  public func forward(_ x: Tensor, mode: ForwardMode = .evaluation) throws -> Tensor {
    try forward(.features(x), mode: mode)
  }

  /// The forward output and the values the backward pass needs.
  public func forwardWithCache(_ input: LayerInput, mode: ForwardMode = .evaluation) throws
    -> (output: Tensor, cache: LoraForwardCache)
  {
    var cache = LoraForwardCache(input: input)
    var baseWeight = weight
    if adaptersDisabled, isMerged {
      baseWeight = try unmergedWeight()
    }
    var y = try baseForward(input, weight: baseWeight)
    guard !adaptersDisabled, !isMerged else { return (y, cache) }
    for name in activeAdapters {
      guard let adapter = adapter(named: name) else { continue }
      switch input {
      case .features(let x) where adapter.magnitude != nil:
        guard kind != .embedding, let magnitude = adapter.magnitude else {
          throw LoraLayerError.invalidArgument("layer '\(path)': DoRA on an Embedding is not modelled")
        }
        let mask = DropoutMask.make(
          count: x.count, p: adapter.dropout, mode: mode, key: path + ".lora_dropout." + name)
        let dropped = try DropoutMask.apply(mask, to: x)
        let term = try doraTerm(
          adapter: adapter, magnitude: magnitude, dropped: dropped, dropoutActive: mask != nil, outputSoFar: y)
        try y.addScaled(term)
        cache.branches.append((name, dropped, mask, try dropped.matmul(transposing: adapter.a)))
        cache.hasDora = true
      case .features(let x):
        let mask = DropoutMask.make(count: x.count, p: adapter.dropout, mode: mode, key: path + ".lora_dropout." + name)
        let dropped = try DropoutMask.apply(mask, to: x)
        let h = try dropped.matmul(transposing: adapter.a)
        try y.addScaled(h.matmul(transposing: adapter.b), adapter.scaling)
        cache.branches.append((name, mask == nil ? nil : dropped, mask, h))
      case .tokens(let ids):
        let h = try adapter.a.transposed().gatherRows(ids)
        try y.addScaled(h.matmul(transposing: adapter.b), adapter.scaling)
        cache.branches.append((name, nil, nil, h))
      }
    }
    return (y, cache)
  }

  /// `x Wᵀ + b` (Linear), `x W + b` (Conv1D) or `W[ids]` (Embedding).
  func baseForward(_ input: LayerInput, weight w: Tensor) throws -> Tensor {
    switch (kind, input) {
    case (.linear, .features(let x)), (.conv1D, .features(let x)):
      guard x.rank == 2, x.shape[1] == inFeatures else {
        throw LoraLayerError.shapeMismatch(
          layer: path, what: "input", expected: [x.shape.first ?? 0, inFeatures], got: x.shape)
      }
      if kind == .linear { return try x.matmul(transposing: w, bias: bias) }
      let y = try x.matmul(w)
      if let bias { return try y.addingRowVector(bias) }
      return y
    case (.embedding, .tokens(let ids)):
      do {
        return try w.gatherRows(ids)
      } catch let error as TensorError {
        throw LoraLayerError.wrongInput(layer: path, message: error.message)
      }
    case (.embedding, .features):
      throw LoraLayerError.wrongInput(layer: path, message: "an Embedding takes token ids, not features")
    case (_, .tokens):
      throw LoraLayerError.wrongInput(layer: path, message: "a \(kind.rawValue) layer takes features, not token ids")
    }
  }
}
