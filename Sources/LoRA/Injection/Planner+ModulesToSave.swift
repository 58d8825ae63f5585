import LoRAModules

/// `modules_to_save`: the modules wrapped in a `ModulesToSaveWrapper`, and the refusals PEFT
/// gives for tuner layers and containers.
extension Planner {
  /// Keys wrapped in a `ModulesToSaveWrapper`: plain `endswith` on each entry, outermost only.
  func modulesToSave(_ config: LoraConfig, layers: [PlannedLayer], adapterName: String) throws(PeftError)
    -> [String]
  {
    guard let entries = config.modulesToSave, !entries.isEmpty else { return [] }
    let layerPaths = Set(layers.map(\.path))
    var out: [String] = []
    var insideWrapped: String?
    try walkModules { (module, position) throws(PeftError) in
      if let w = insideWrapped, module.path.hasPrefix(w + ".") { return }
      insideWrapped = nil
      if case .inside = position { return }
      let isTunerLayer = position == .tunerLayer
      if layerPaths.contains(module.path) || isTunerLayer {
        try checkAdapterInternals(module.path, entries: entries, newAdapter: adapterName, layers: layers)
      }
      guard entries.contains(where: { module.path.hasSuffix($0) }) else { return }
      if layerPaths.contains(module.path) || isTunerLayer {
        let cls =
          context.tunerLayers[module.path] ?? layers.first { $0.path == module.path }?.layerType ?? "lora.Linear"
        throw PeftError(
          .typeError,
          "modules_to_save cannot be applied to modules of type <class 'peft.tuners.\(Self.pythonClass(cls))'>")
      }
      if ["ModuleDict", "ModuleList", "ParameterDict", "ParameterList"].contains(module.typeName) {
        throw PeftError(
          .typeError,
          "modules_to_save cannot be applied to modules of type <class 'torch.nn.modules.container.\(module.typeName)'>"
        )
      }
      out.append(module.path)
      insideWrapped = module.path
    }
    return out
  }

  /// PEFT matches `modules_to_save` against the keys of the injected model, adapter
  /// internals included: an entry that ends one of them (`lora_A.default`) is refused.
  func checkAdapterInternals(_ path: String, entries: [String], newAdapter: String, layers: [PlannedLayer])
    throws(PeftError)
  {
    var adapters = [newAdapter]
    if let existing = context.existingAdapterNames[path] { adapters = existing + adapters }
    let cls = context.tunerLayers[path] ?? layers.first { $0.path == path }?.layerType ?? "lora.Linear"
    for a in adapters {
      for container in ["lora_dropout", "lora_A", "lora_B"] {
        let key = path + "." + container + "." + a
        if entries.contains(where: { key.hasSuffix($0) }) {
          throw PeftError(
            .valueError,
            "You are trying to target a module with <class 'peft.utils.other.ModulesToSaveWrapper'> that is a child of <class 'peft.tuners.\(Self.pythonClass(cls))'>. This is almost certainly not the intended behavior. Please ensure that the adapter name, '\(newAdapter)', does not conflict with any of the targeted modules."
          )
        }
      }
    }
  }

  /// `lora.Linear` -> `lora.layer.Linear` (the module path PEFT prints in class reprs).
  static func pythonClass(_ cls: String) -> String {
    guard cls.hasPrefix("lora.") else { return cls }
    return "lora.layer." + cls.dropFirst(5)
  }
}
