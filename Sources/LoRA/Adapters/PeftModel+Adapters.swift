import LoRAModules

extension PeftModel {
  /// Plans `add_adapter(name, config)` without changing the model.
  ///
  /// - Throws: ``PeftError``: `Adapter with name '<name>' already exists.`, PEFT's matching
  ///   errors (0.21 raises even when an earlier adapter matched), config validation.
  public func planAdapter(_ name: String, config: LoraConfig) throws(PeftError) -> InjectionPlan {
    if adapters.contains(where: { $0.name == name }) {
      throw PeftError(.valueError, "Adapter with name '\(name)' already exists.")
    }
    return try Planner(context: planningContext).plan(config: config, adapterName: name, isFirst: false)
  }

  /// `add_adapter(name, config)`: injects a further adapter. It is not activated, its
  /// weights are frozen, and every pre-existing parameter keeps its `requires_grad` (0.21).
  /// Returns PEFT's warnings.
  @discardableResult
  public mutating func addAdapter(_ name: String, config: LoraConfig) throws(PeftError) -> [PeftWarning] {
    let p = try planAdapter(name, config: config)
    inject(p, isFirst: false)
    return p.warnings
  }

  /// `PeftModel.set_adapter(name)`: activates one adapter; its weights become trainable
  /// (unless `inferenceMode`) and every other adapter's are frozen. Merged layers are
  /// unmerged first, with PEFT's warning.
  @discardableResult
  public mutating func setAdapter(_ name: String, inferenceMode: Bool = false) throws(PeftError) -> [PeftWarning] {
    guard adapters.contains(where: { $0.name == name }) else {
      throw PeftError(.valueError, "Adapter \(name) not found.")
    }
    return try setActiveAdapters([name], inferenceMode: inferenceMode)
  }

  /// `LoraModel.set_adapter([...])`: several active adapters (summed in forward). A
  /// `modules_to_save` wrapper accepts at most one of them.
  @discardableResult
  public mutating func setActiveAdapters(_ names: [String], inferenceMode: Bool = false) throws(PeftError)
    -> [PeftWarning]
  {
    for w in wrappers {
      let present = names.filter { w.adapters.contains($0) }
      if present.count > 1 {
        throw PeftError(
          .valueError, "Only one adapter can be set at a time for ModulesToSaveWrapper, got \(present.count)")
      }
    }
    var warnings: [PeftWarning] = []
    setWrapperAdapters(names, inferenceMode: inferenceMode)
    for i in layers.indices where !layers[i].mergedAdapters.isEmpty {
      warnings.append(
        PeftWarning(.userWarning, "Adapter cannot be set when the model is merged. Unmerging the model first."))
      layers[i].mergedAdapters = []
    }
    setLayerAdapters(names, inferenceMode: inferenceMode)
    activeAdapters = names
    return warnings
  }

  /// `delete_adapter(name)`. If it was active and no other active adapter remains, the
  /// alphabetically first remaining adapter is activated, with PEFT's warning.
  @discardableResult
  public mutating func deleteAdapter(_ name: String) throws(PeftError) -> [PeftWarning] {
    guard adapters.contains(where: { $0.name == name }) else {
      throw PeftError(.valueError, "Adapter \(name) does not exist")
    }
    if layers.contains(where: { $0.mergedAdapters.contains(name) }) {
      throw PeftError(
        .valueError, "Cannot delete adapter(s) ['\(name)'] while they are merged. Please unmerge them first.")
    }
    var warnings: [PeftWarning] = []
    adapters.removeAll { $0.name == name }
    var newActive: [String]?
    var rename: [String: String] = [:]
    for i in layers.indices {
      layers[i].adapters.removeAll { $0.name == name }
      if layers[i].activeAdapters.contains(name) {
        var remaining = layers[i].activeAdapters
        remaining.removeAll { $0 == name }
        if remaining.isEmpty, let first = layers[i].adapters.map(\.name).sorted().first {
          let message = "Adapter \(name) was active which is now deleted. Setting active adapter to \(first)."
          warnings.append(PeftWarning(.userWarning, message))  // once per layer, as PEFT emits it
          remaining = [first]
        }
        layers[i].activeAdapters = remaining
      }
      if newActive == nil { newActive = layers[i].activeAdapters }
    }
    for i in wrappers.indices where wrappers[i].adapters.contains(name) {
      wrappers[i].adapters.removeAll { $0 == name }
      if wrappers[i].activeAdapter == name {
        wrappers[i].activeAdapter = newActive?.first { wrappers[i].adapters.contains($0) }
      }
    }
    rebuild(existingLayers: Set(layers.map(\.path)), existingWrappers: Set(wrappers.map(\.path)), renamed: &rename)
    // Layers re-apply set_adapter for their new active adapters.
    for layer in layers {
      let active = Set(layer.activeAdapters)
      let path = layer.path
      setFlags { role, _, _ in
        if case .lora(path, let adapter) = role { return active.contains(adapter) }
        return nil
      }
    }
    activeAdapters = newActive ?? []
    return warnings
  }

  /// `disable_adapter_layers()`: every layer and wrapper disabled, adapter weights frozen.
  @discardableResult
  public mutating func disableAdapterLayers() -> [PeftWarning] {
    var warnings: [PeftWarning] = []
    for adapter in activeAdapters {
      if let bias = config(of: adapter)?.bias, bias != .none {
        warnings.append(
          PeftWarning(
            .userWarning,
            "Careful, disabling adapter layers with bias configured to be '\(bias.rawValue)' does not produce the same output as the base model would without adaption."
          ))
      }
    }
    for i in layers.indices { layers[i].disabled = true }
    for i in wrappers.indices { wrappers[i].disabled = true }
    setFlags { role, _, _ in
      switch role {
      case .lora, .copy: false
      default: nil
      }
    }
    return warnings
  }

  /// `enable_adapter_layers()`: layers re-run `set_adapter` for their active adapters;
  /// wrappers make their active copy trainable.
  public mutating func enableAdapterLayers() {
    for i in layers.indices { layers[i].disabled = false }
    for i in wrappers.indices { wrappers[i].disabled = false }
    let activeByLayer = Dictionary(layers.map { ($0.path, Set($0.activeAdapters)) }, uniquingKeysWith: { a, _ in a })
    let activeByWrapper = Dictionary(wrappers.map { ($0.path, $0.activeAdapter) }, uniquingKeysWith: { a, _ in a })
    setFlags { role, _, _ in
      switch role {
      case .lora(let layer, let adapter): activeByLayer[layer]?.contains(adapter) ?? false
      case .copy(let wrapper, let adapter): activeByWrapper[wrapper].flatMap { $0 } == adapter ? true : nil
      default: nil
      }
    }
  }

  /// Merge bookkeeping (`merge_adapter`): marks the listed (default: active) adapters as
  /// merged on every layer that has them. Weights are the numerics layer's business.
  @discardableResult
  public mutating func mergeAdapter(_ names: [String]? = nil) -> [PeftWarning] {
    var warnings: [PeftWarning] = []
    let requested = names ?? activeAdapters
    var anyAlready = false
    var allAlready = true
    for i in layers.indices {
      let candidates = requested.filter { layers[i].adapter($0) != nil }
      let todo = candidates.filter { !layers[i].mergedAdapters.contains($0) }
      if todo.count != candidates.count { anyAlready = true }
      if !todo.isEmpty { allAlready = false }
      layers[i].mergedAdapters += todo
    }
    if allAlready && !layers.isEmpty {
      warnings.append(PeftWarning(.userWarning, "All adapters are already merged, nothing to do."))
    } else if anyAlready {
      warnings.append(
        PeftWarning(
          .userWarning,
          "Already following adapters were merged \(PythonRepr.stringList(requested.filter { a in layers.contains { $0.mergedAdapters.contains(a) } })). You are now additionally merging \(PythonRepr.stringList(requested))."
        ))
    }
    return warnings
  }

  /// Unmerge bookkeeping (`unmerge_adapter`).
  @discardableResult
  public mutating func unmergeAdapter() -> [PeftWarning] {
    var warnings: [PeftWarning] = []
    for i in layers.indices {
      if layers[i].mergedAdapters.isEmpty {
        if !warnings.contains(where: { $0.message == "Already unmerged. Nothing to do." }) {
          warnings.append(PeftWarning(.userWarning, "Already unmerged. Nothing to do."))
        }
      }
      layers[i].mergedAdapters = []
    }
    return warnings
  }
}

extension PeftModel {
  /// `param.requires_grad = value` for every parameter whose PEFT name
  /// (`base_model.model.` + full name) `isSelected` accepts, as a user does by hand.
  public mutating func setRequiresGrad(_ value: Bool, where isSelected: (String) -> Bool) {
    tree.updateEach { module in
      for k in module.parameters.indices where isSelected(Self.namePrefix + module.fullName(of: module.parameters[k])) {
        module.parameters[k].requiresGrad = value
      }
    }
  }
}
