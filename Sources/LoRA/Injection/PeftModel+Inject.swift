import LoRAModules

extension PeftModel {
  /// `get_peft_model(model, config, adapter_name)`: plans and injects the first adapter.
  ///
  /// - Throws: ``PeftError`` as PEFT raises it (see ``plan(model:config:adapterName:info:)``).
  public init(
    model: ModuleTree, config: LoraConfig, adapterName: String = "default", info: BaseModelInfo? = nil
  ) throws(PeftError) {
    let info = info ?? .inferred(from: model)
    let p = try LoRA.plan(model: model, config: config, adapterName: adapterName, info: info)
    self.init(base: model, plan: p, info: info)
  }

  /// Builds the model a plan describes (the plan must come from `base`).
  public init(base: ModuleTree, plan: InjectionPlan, info: BaseModelInfo? = nil) {
    self.base = base
    self.info = info ?? .inferred(from: base)
    tree = base
    adapters = []
    activeAdapters = [plan.adapterName]
    layers = []
    wrappers = []
    targetedModuleNames = []
    targetedParameterNames = []
    roles = [:]
    inject(plan, isFirst: true)
  }

  /// The warnings PEFT emitted while injecting each adapter, in order.
  public var injectionWarnings: [PeftWarning] { adapters.flatMap(\.plan.warnings) }

  /// The context the planner needs for a further adapter on this model.
  var planningContext: PlanningContext {
    var c = PlanningContext(tree: tree, info: info)
    c.tunerLayers = Dictionary(layers.map { ($0.path, $0.layerType) }, uniquingKeysWith: { a, _ in a })
    c.existingConfigs = adapters.map(\.config)
    c.existingAdapterNames = Dictionary(
      layers.map { ($0.path, $0.adapters.map(\.name)) }, uniquingKeysWith: { a, _ in a })
    c.original = base
    return c
  }

  /// Applies a plan: layers and wrappers are created or extended, the tree rebuilt, then
  /// PEFT's housekeeping runs (set_adapter, freezing pass, modules_to_save, and for a
  /// further adapter the restore of pre-existing `requires_grad` flags).
  mutating func inject(_ plan: InjectionPlan, isFirst: Bool) {
    let name = plan.adapterName
    let config = plan.config
    let previousLayers = Set(layers.map(\.path))
    let previousWrappers = Set(wrappers.map(\.path))

    var snapshot: [String: Bool] = [:]
    if !isFirst {
      for np in tree.namedParameters where !np.fullName.contains(".\(name).") && !np.fullName.hasSuffix(".\(name)") {
        snapshot[np.fullName] = np.parameter.requiresGrad
      }
    }

    var layerIndex = Dictionary(layers.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
    for planned in plan.layers + plan.parameterLayers {
      let adapter = LayerAdapter(
        name: name, r: planned.r, alpha: planned.alpha, scaling: planned.scaling, inFeatures: planned.inFeatures,
        outFeatures: planned.outFeatures, dropout: config.loraDropout, useDora: config.useDora,
        loraBias: config.loraBias, fanInFanOut: config.fanInFanOut, initLoraWeights: config.initLoraWeights,
        parameterName: planned.parameterName.map { String($0.split(separator: ".").last ?? "") })
      if let i = layerIndex[planned.path] {
        if !layers[i].adapters.contains(where: { $0.name == name }) { layers[i].adapters.append(adapter) }
      } else {
        layerIndex[planned.path] = layers.count
        layers.append(
          TunerLayer(
            path: planned.path, layerType: planned.layerType, baseTypeName: planned.baseTypeName,
            baseKind: planned.baseKind, adapters: [adapter], activeAdapters: [name]))
      }
    }
    var newWrappers: Set<String> = []
    var wrapperIndex = Dictionary(wrappers.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
    for path in plan.modulesToSave {
      if let i = wrapperIndex[path] {
        if !wrappers[i].adapters.contains(name) { wrappers[i].adapters.append(name) }
      } else {
        wrapperIndex[path] = wrappers.count
        wrappers.append(ModulesToSaveWrapper(path: path, adapters: [name], activeAdapter: nil))
        newWrappers.insert(path)
      }
    }
    adapters.append(Adapter(name: name, config: config, plan: plan))
    // Appends keep PEFT's order; the sets keep the membership tests linear (70,000 names at 10,000 layers).
    var knownModules = Set(targetedModuleNames)
    for n in plan.targetedModuleNames where knownModules.insert(n).inserted { targetedModuleNames.append(n) }
    var knownParameters = Set(targetedParameterNames)
    for n in plan.targetedParameterNames where knownParameters.insert(n).inserted { targetedParameterNames.append(n) }

    var renamed: [String: String] = [:]
    rebuild(existingLayers: previousLayers, existingWrappers: previousWrappers, renamed: &renamed)

    // set_adapter(active_adapters, inference_mode=config.inference_mode) on layers and existing wrappers.
    setLayerAdapters(activeAdapters, inferenceMode: config.inferenceMode)
    setWrapperAdapters(activeAdapters, inferenceMode: config.inferenceMode, only: previousWrappers)
    freezeNonAdapterParameters()
    // set_additional_trainable_modules
    let activate = activeAdapters.contains(name)
    for i in wrappers.indices where plan.modulesToSave.contains(wrappers[i].path) {
      let path = wrappers[i].path
      setFlags { role, _, _ in
        switch role {
        case .original(path): false
        case .copy(path, name): newWrappers.contains(path) ? activate && !config.inferenceMode : false
        default: nil
        }
      }
      if newWrappers.contains(path) {
        wrappers[i].activeAdapter = activate ? name : nil
      } else if let active = wrappers[i].activeAdapter {
        setFlags { role, _, _ in role == .copy(wrapper: path, adapter: active) ? !config.inferenceMode : nil }
      }
    }
    if !isFirst {
      let oldName = Dictionary(renamed.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
      tree.updateEach { module in
        for k in module.parameters.indices {
          let full = module.fullName(of: module.parameters[k])
          if let flag = snapshot[oldName[full] ?? full] { module.parameters[k].requiresGrad = flag }
        }
      }
    }
  }

  /// Rebuilds `tree` and `roles` from the layer and wrapper specs.
  mutating func rebuild(existingLayers: Set<String>, existingWrappers: Set<String>, renamed: inout [String: String]) {
    var builder = TreeBuilder(
      current: tree, layers: layers, wrappers: wrappers, existingLayers: existingLayers,
      existingWrappers: existingWrappers)
    let (newTree, newRoles) = builder.build()
    renamed = builder.renamed
    tree = newTree
    roles = newRoles
    let order = Dictionary(tree.modules.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
    layers.sort { (order[$0.path] ?? 0) < (order[$1.path] ?? 0) }
    wrappers.sort { (order[$0.path] ?? 0) < (order[$1.path] ?? 0) }
  }

  /// Sets `requires_grad` where `rule(role, module path, parameter name)` returns a value
  /// (role nil = base-model parameter).
  mutating func setFlags(_ rule: (ParameterRole?, String, String) -> Bool?) {
    let roles = self.roles  // not `self`: holding self would force a copy of the tree being mutated
    tree.updateEach { module in
      guard !module.parameters.isEmpty else { return }
      let moduleRole = roles[module.path]
      for k in module.parameters.indices {
        let role: ParameterRole? =
          if case .loraDict(let layer)? = moduleRole { .lora(layer: layer, adapter: module.parameters[k].name) } else {
            moduleRole
          }
        if let flag = rule(role, module.path, module.parameters[k].name) {
          module.parameters[k].requiresGrad = flag
        }
      }
    }
  }

  /// `BaseTunerLayer.set_adapter` on every tuner layer.
  mutating func setLayerAdapters(_ active: [String], inferenceMode: Bool) {
    for i in layers.indices { layers[i].activeAdapters = active }
    let activeSet = Set(active)
    setFlags { role, _, _ in
      if case .lora(_, let adapter) = role { return activeSet.contains(adapter) && !inferenceMode }
      return nil
    }
  }

  /// `_set_adapter` on wrappers: the one listed adapter a wrapper has becomes active.
  mutating func setWrapperAdapters(_ active: [String], inferenceMode: Bool, only: Set<String>? = nil) {
    for i in wrappers.indices where only?.contains(wrappers[i].path) ?? true {
      let path = wrappers[i].path
      let chosen = active.first { wrappers[i].adapters.contains($0) }
      wrappers[i].activeAdapter = chosen
      setFlags { role, _, _ in
        if case .copy(path, let adapter) = role { return adapter == chosen && !inferenceMode }
        return nil
      }
    }
  }

  /// `_mark_only_adapters_as_trainable`: base parameters frozen, then biases re-enabled
  /// for active adapters with `bias` other than `none`.
  mutating func freezeNonAdapterParameters() {
    setFlags { role, _, _ in role == nil ? false : nil }
    for adapter in activeAdapters {
      guard let config = config(of: adapter) else { continue }
      switch config.bias {
      case .none: break
      case .all: setFlags { _, _, name in name == "bias" ? true : nil }
      case .loraOnly:
        let baseLayers = Set(layers.map { $0.path + ".base_layer" })
        setFlags { _, path, name in name == "bias" && baseLayers.contains(path) ? true : nil }
      }
    }
  }
}
