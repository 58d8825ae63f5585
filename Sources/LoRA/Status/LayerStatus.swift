import LoRAModules

/// A `requires_grad` summary: all true, all false, or mixed (`"irregular"`).
public enum GradState: Hashable, Sendable, CustomStringConvertible {
  case allTrue
  case allFalse
  case irregular

  init(_ flags: [Bool]) {
    if flags.allSatisfy({ $0 }) {
      self = .allTrue
    } else if !flags.contains(true) {
      self = .allFalse
    } else {
      self = .irregular
    }
  }

  /// `True`, `False` or `irregular`, as Python prints them.
  public var description: String {
    switch self {
    case .allTrue: "True"
    case .allFalse: "False"
    case .irregular: "irregular"
    }
  }
}

/// A value that is the same on every layer, or `"irregular"`.
public enum Uniform<Value: Hashable & Sendable>: Hashable, Sendable {
  case value(Value)
  case irregular
}

/// PEFT's `TunerLayerStatus`: one per tuner layer and per `ModulesToSaveWrapper`.
public struct LayerStatus: Hashable, Sendable {
  /// Key relative to the searched object (`model.lin0` for a PeftModel).
  public var name: String
  /// `lora.Linear`, `ModulesToSaveWrapper`...
  public var moduleType: String
  public var enabled: Bool
  public var activeAdapters: [String]
  public var mergedAdapters: [String]
  /// Per adapter, in the order the adapters appear on the layer.
  public var requiresGrad: [(adapter: String, state: GradState)]
  /// Sorted.
  public var availableAdapters: [String]
  /// Per adapter, sorted device types (always `cpu` here).
  public var devices: [(adapter: String, types: [String])]
  /// Always nil: the engine models no quantisation.
  public var quantizationBackend: String?

  public static func == (a: LayerStatus, b: LayerStatus) -> Bool {
    a.name == b.name && a.moduleType == b.moduleType && a.enabled == b.enabled && a.activeAdapters == b.activeAdapters
      && a.mergedAdapters == b.mergedAdapters && a.requiresGrad.map(\.adapter) == b.requiresGrad.map(\.adapter)
      && a.requiresGrad.map(\.state) == b.requiresGrad.map(\.state) && a.availableAdapters == b.availableAdapters
      && a.devices.map(\.adapter) == b.devices.map(\.adapter) && a.devices.map(\.types) == b.devices.map(\.types)
      && a.quantizationBackend == b.quantizationBackend
  }

  public func hash(into h: inout Hasher) {
    h.combine(name)
    h.combine(moduleType)
  }

  /// The state for one adapter, or nil.
  public func requiresGrad(_ adapter: String) -> GradState? { requiresGrad.first { $0.adapter == adapter }?.state }
}

/// PEFT's `TunerModelStatus`.
public struct ModelStatus: Hashable, Sendable {
  public var baseModelType: String
  public var adapterModelType: String
  /// `{adapter: "LORA"}` in adapter order.
  public var peftTypes: [String]
  public var trainableParams: Int
  public var totalParams: Int
  public var numAdapterLayers: Int
  public var enabled: Uniform<Bool>
  public var activeAdapters: Uniform<[String]>
  public var mergedAdapters: Uniform<[String]>
  /// Per adapter (first-seen order).
  public var requiresGrad: [String: GradState]
  public var requiresGradOrder: [String]
  public var availableAdapters: [String]
  public var devices: [String: [String]]
  public var quantizationBackend: Uniform<String?>
}

extension PeftModel {
  /// `get_layer_status()`: one entry per tuner layer and wrapper, in `named_modules()` order.
  ///
  /// - Parameter prefix: `model.` as on a `PeftModel`; `""` as when called on the inner model.
  /// - Throws: PEFT's `ValueError` when the model has no adapter layers.
  public func layerStatus(prefix: String = "model.") throws(PeftError) -> [LayerStatus] {
    var flags: [String: [String: [Bool]]] = [:]
    for module in tree.modules {
      for p in module.parameters {
        switch role(module, p) {
        case .lora(let layer, let adapter), .copy(let layer, let adapter):
          flags[layer, default: [:]][adapter, default: []].append(p.requiresGrad)
        default: break
        }
      }
    }
    var entries: [(order: Int, status: LayerStatus)] = []
    let order = Dictionary(tree.modules.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
    for layer in layers {
      let f = flags[layer.path] ?? [:]
      let names = layer.adapters.map(\.name).filter { f[$0] != nil }
      entries.append(
        (
          order[layer.path] ?? 0,
          LayerStatus(
            name: prefix + layer.path, moduleType: layer.layerType, enabled: !layer.disabled,
            activeAdapters: layer.activeAdapters, mergedAdapters: layer.mergedAdapters,
            requiresGrad: names.map { ($0, GradState(f[$0] ?? [])) },
            availableAdapters: layer.adapters.map(\.name).sorted(),
            devices: names.map { ($0, ["cpu"]) }, quantizationBackend: nil)
        ))
    }
    for wrapper in wrappers {
      let f = flags[wrapper.path] ?? [:]
      let names = wrapper.adapters.filter { f[$0] != nil }
      entries.append(
        (
          order[wrapper.path] ?? 0,
          LayerStatus(
            name: prefix + wrapper.path, moduleType: "ModulesToSaveWrapper", enabled: !wrapper.disabled,
            activeAdapters: wrapper.activeAdapter.map { [$0] } ?? [], mergedAdapters: [],
            requiresGrad: names.map { ($0, GradState(f[$0] ?? [])) }, availableAdapters: wrapper.adapters.sorted(),
            devices: names.map { ($0, ["cpu"]) }, quantizationBackend: nil)
        ))
    }
    guard !entries.isEmpty else {
      throw PeftError(
        .valueError,
        "No adapter layers found in the model, please ensure that it's a PEFT model or that you have PEFT adapters injected in the model."
      )
    }
    return entries.sorted { $0.order < $1.order }.map(\.status)
  }

  /// `get_model_status()` for this `PeftModel`.
  public func modelStatus() throws(PeftError) -> ModelStatus {
    let statuses = try layerStatus()
    let (trainable, total) = parameterCounts
    let enabledSet = Set(statuses.map(\.enabled))
    let activeSet = Set(statuses.map(\.activeAdapters))
    var mergedAll = Set<String>()
    for s in statuses { mergedAll.formUnion(s.mergedAdapters) }
    var merged: Uniform<[String]> = .value(mergedAll.sorted())
    for s in statuses where !Set(s.availableAdapters).subtracting(s.mergedAdapters).isDisjoint(with: mergedAll) {
      merged = .irregular
      break
    }
    var gradLists: [String: [GradState]] = [:]
    var gradOrder: [String] = []
    for s in statuses {
      for (adapter, state) in s.requiresGrad {
        if gradLists[adapter] == nil { gradOrder.append(adapter) }
        gradLists[adapter, default: []].append(state)
      }
    }
    var grads: [String: GradState] = [:]
    for (adapter, states) in gradLists {
      grads[adapter] =
        states.allSatisfy { $0 == .allTrue } ? .allTrue : states.allSatisfy { $0 == .allFalse } ? .allFalse : .irregular
    }
    var devices: [String: [String]] = [:]
    for s in statuses {
      for (adapter, types) in s.devices {
        devices[adapter] = Array(Set(devices[adapter, default: []] + types)).sorted()
      }
    }
    return ModelStatus(
      baseModelType: tree.rootTypeName, adapterModelType: "LoraModel", peftTypes: adapterNames,
      trainableParams: trainable, totalParams: total, numAdapterLayers: statuses.count,
      enabled: enabledSet.count == 1 ? .value(enabledSet.first ?? true) : .irregular,
      activeAdapters: activeSet.count <= 1 ? .value(activeSet.first ?? []) : .irregular, mergedAdapters: merged,
      requiresGrad: grads, requiresGradOrder: gradOrder,
      availableAdapters: Set(statuses.flatMap(\.availableAdapters)).sorted(), devices: devices,
      quantizationBackend: .value(nil))
  }
}
