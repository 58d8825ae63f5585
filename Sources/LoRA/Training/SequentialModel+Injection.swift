import LoRANumerics

/// Plain LoRA hyper-parameters for injecting an adapter into a sequential model.
public struct LoraSettings: Equatable, Sendable {
  public var r: Int
  public var alpha: Double
  public var dropout: Float
  public var useRslora: Bool
  public var initMode: LoraInitMode

  public init(
    r: Int = 8, alpha: Double = 8, dropout: Float = 0, useRslora: Bool = false, initMode: LoraInitMode = .standard
  ) {
    self.r = r
    self.alpha = alpha
    self.dropout = dropout
    self.useRslora = useRslora
    self.initMode = initMode
  }
}

extension SequentialModel {
  /// Adds adapter `name` to the modules whose names (`"0"`, `"2"`…) are in `targets`.
  /// The first adapter becomes active; later ones are added inactive, as `add_adapter` does.
  /// Returns the adapted module names. Throws PEFT's errors for targets that match
  /// nothing or a module LoRA cannot wrap.
  @discardableResult
  public mutating func injectAdapter(
    name: String = "default", targets: [String], settings: LoraSettings, seed: UInt64 = 0
  ) throws -> [String] {
    var adapted: [String] = []
    for (i, module) in modules.enumerated() where targets.contains(String(i)) {
      guard var layer = loraLayers[i] else {
        throw ModelError(
          "Target module \(module.typeName)() is not supported. Currently, only the following modules are supported: "
            + "`torch.nn.Linear`, `torch.nn.Embedding`, `torch.nn.Conv1d`, `torch.nn.Conv2d`, `torch.nn.Conv3d`, "
            + "`transformers.pytorch_utils.Conv1D`, `torch.nn.MultiheadAttention.`.")
      }
      try layer.addAdapter(
        name: name, r: settings.r, alpha: settings.alpha, dropout: settings.dropout, useRslora: settings.useRslora,
        initMode: settings.initMode, seed: seed)
      loraLayers[i] = layer
      adapted.append(String(i))
    }
    guard !adapted.isEmpty else {
      throw ModelError(
        "Target modules \(targets.sorted()) not found in the base model. Please check the target modules and try again."
      )
    }
    return adapted
  }

  /// Sets the active adapters on every layer that has adapters (names missing on a layer are skipped there).
  public mutating func setActiveAdapters(_ names: [String]) throws {
    updateLayers { layer in
      guard !layer.adapters.isEmpty else { return }
      layer.activeAdapters = names.filter { layer.adapter(named: $0) != nil }
    }
  }

  /// `merge_adapter` on every layer.
  public mutating func mergeAdapters(_ names: [String]? = nil, safeMerge: Bool = false) throws {
    try updateLayers { try $0.merge(adapterNames: names, safeMerge: safeMerge) }
  }

  /// `unmerge_adapter` on every layer.
  public mutating func unmergeAdapters() throws {
    try updateLayers { _ = try $0.unmerge() }
  }

  /// `merge_and_unload`: a model with the deltas in the base weights and no adapters.
  public func mergeAndUnload(_ names: [String]? = nil, safeMerge: Bool = false) throws -> SequentialModel {
    var copy = self
    try copy.updateLayers { $0 = try $0.mergeAndUnload(adapterNames: names, safeMerge: safeMerge) }
    return copy
  }

  /// `disable_adapter()` (true) or re-enabling (false) on every layer.
  public mutating func setAdaptersDisabled(_ disabled: Bool) {
    updateLayers { $0.adaptersDisabled = disabled }
  }
}
