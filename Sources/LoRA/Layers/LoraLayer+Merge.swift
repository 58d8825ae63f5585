import LoRANumerics

extension LoraLayer {
  /// PEFT's `get_delta_weight`: `s·B·A`, transposed into the base weight's layout for
  /// Conv1D (`fan_in_fan_out`) and Embedding. Never materialised by forward.
  public func deltaWeight(of name: String) throws -> Tensor {
    guard let adapter = adapter(named: name) else { throw LoraLayerError.unknownAdapter(name, layer: path) }
    let ba = try adapter.b.matmul(adapter.a).scaled(by: adapter.scaling)  // [out, in]
    return kind == .linear ? ba : try ba.transposed()
  }

  /// `merge(safe_merge, adapter_names)`: adds each listed (default: active) adapter's
  /// delta to the weight, skipping adapters already merged or absent on the layer.
  /// Returns PEFT's warnings. With `safeMerge`, a non-finite result throws PEFT's
  /// `NaNs detected…` error and leaves the weight unchanged.
  @discardableResult
  public mutating func merge(adapterNames: [String]? = nil, safeMerge: Bool = false) throws -> [String] {
    var names = adapterNames ?? activeAdapters
    var warnings: [String] = []
    if isMerged {
      names = names.filter { !mergedAdapters.contains($0) }
      if names.isEmpty {
        warnings.append("All adapters are already merged, nothing to do.")
      } else {
        warnings.append(
          "Already following adapters were merged \(mergedAdapters.joined(separator: ",")). "
            + "You are now additionally merging \(names.joined(separator: ",")).")
      }
    }
    for name in names {
      guard let adapter = adapter(named: name) else { continue }
      var merged = weight
      let delta = try deltaWeight(of: name)
      try merged.addScaled(delta)
      if let magnitude = adapter.magnitude {
        // DoRA: the norm comes from the unmerged base weight; it is kept for unmerge.
        let norms = try doraWeightNorm(base: unmergedWeight(), adapter: adapter)
        merged = try scalingOutputFeatures(merged, by: zip(magnitude.scalars, norms).map { $0 / $1 })
        doraMergeNorms[name] = norms
      }
      if safeMerge, !merged.isFinite { throw LoraLayerError.nanInMergedWeights(adapter: name) }
      setWeight(merged)
      setMergedAdapters(mergedAdapters + [name])
    }
    return warnings
  }

  /// `unmerge()`: subtracts merged deltas in reverse merge order. Returns PEFT's warning
  /// when nothing is merged.
  @discardableResult
  public mutating func unmerge() throws -> [String] {
    guard isMerged else { return ["Already unmerged. Nothing to do."] }
    setWeight(try unmergedWeight())
    setMergedAdapters([])
    doraMergeNorms = [:]
    return []
  }

  /// `merge_and_unload`: merges (listed or active adapters), then returns the plain base
  /// layer with the merged weight and no adapters.
  public func mergeAndUnload(adapterNames: [String]? = nil, safeMerge: Bool = false) throws -> LoraLayer {
    var copy = self
    try copy.merge(adapterNames: adapterNames, safeMerge: safeMerge)
    return try LoraLayer(path: path, kind: kind, weight: copy.weight, bias: bias)
  }

  /// `unload`: the base layer without merging (merged deltas are removed first).
  public func unload() throws -> LoraLayer {
    try LoraLayer(path: path, kind: kind, weight: unmergedWeight(), bias: bias)
  }

  /// The weight with every merged delta removed (reverse order), without changing the layer.
  func unmergedWeight() throws -> Tensor {
    var w = weight
    for name in mergedAdapters.reversed() {
      guard let adapter = adapter(named: name) else { continue }
      if let magnitude = adapter.magnitude, let norms = doraMergeNorms[name] {
        w = try scalingOutputFeatures(w, by: zip(norms, magnitude.scalars).map { $0 / $1 })
      }
      try w.subtract(deltaWeight(of: name))
    }
    return w
  }
}

extension Tensor {
  /// `self -= other` in place.
  mutating func subtract(_ other: Tensor) throws { try addScaled(other, -1) }
}
