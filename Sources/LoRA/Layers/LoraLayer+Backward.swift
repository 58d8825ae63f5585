import LoRANumerics

/// Gradients of one LoRA layer's backward pass. The base weight is frozen, so it has none.
public struct LoraLayerGradients: Equatable, Sendable {
  /// dL/dx for Linear/Conv1D ([tokens, in]); nil for an Embedding.
  public var input: Tensor?
  /// dL/dA and dL/dB per adapter that took part in the forward pass.
  public var adapters: [String: (a: Tensor, b: Tensor)]

  public static func == (l: Self, r: Self) -> Bool {
    l.input == r.input && l.adapters.keys == r.adapters.keys
      && l.adapters.allSatisfy { key, value in r.adapters[key].map { $0.a == value.a && $0.b == value.b } ?? false }
  }
}

extension LoraLayer {
  /// Backward of `y = base(x) + Σ s·(drop(x)·Aᵀ)·Bᵀ` given dL/dy ([tokens, out]):
  /// `dB = s·dyᵀ·h`, `dh = s·dy·B`, `dA = dhᵀ·drop(x)`, `dx = dy·W (+ Σ mask ⊙ dh·A)`.
  public func backward(outputGradient dy: Tensor, cache: LoraForwardCache) throws -> LoraLayerGradients {
    let rows: Int
    switch cache.input {
    case .features(let x): rows = x.shape.first ?? 0
    case .tokens(let ids): rows = ids.count
    }
    guard dy.shape == [rows, outFeatures] else {
      throw LoraLayerError.shapeMismatch(
        layer: path, what: "output gradient", expected: [rows, outFeatures], got: dy.shape)
    }
    if cache.hasDora {
      throw LoraLayerError.invalidArgument(
        "layer '\(path)': backward through a DoRA adapter is not modelled; train plain LoRA adapters")
    }
    var gradients = LoraLayerGradients(input: nil, adapters: [:])
    var dx: Tensor?
    if case .features = cache.input {
      // Linear: dx = dy·W ([out, in]); Conv1D: dx = dy·Wᵀ (W is [in, out]).
      let w = adaptersDisabled && isMerged ? try unmergedWeight() : weight
      dx = kind == .linear ? try dy.matmul(w) : try dy.matmul(transposing: w)
    }
    for branch in cache.branches {
      guard let adapter = adapter(named: branch.name) else { continue }
      let db = try dy.transposedMatmul(branch.h).scaled(by: adapter.scaling)  // [out, r]
      let dh = try dy.matmul(adapter.b).scaled(by: adapter.scaling)  // [rows, r]
      switch cache.input {
      case .features(let x):
        let loraInput = branch.dropped ?? x
        let da = try dh.transposedMatmul(loraInput)  // [r, in]
        var dxBranch = try dh.matmul(adapter.a)  // [rows, in]
        if let mask = branch.mask { dxBranch = try dxBranch.multiplying(Tensor(shape: dxBranch.shape, scalars: mask)) }
        try dx?.addScaled(dxBranch)
        gradients.adapters[branch.name] = (da, db)
      case .tokens(let ids):
        // h = Aᵀ[ids]: scatter-add dh rows into the columns of A.
        var da = [Float](repeating: 0, count: adapter.a.count)
        let r = adapter.r
        let n = inFeatures
        for (row, id) in ids.enumerated() {
          for k in 0..<r { da[k * n + id] += dh.scalars[row * r + k] }
        }
        gradients.adapters[branch.name] = (try Tensor(shape: adapter.a.shape, scalars: da), db)
      }
    }
    gradients.input = dx
    return gradients
  }
}
