import LoRAModules

/// Rebuilds PEFT's module tree from the base modules plus the tuner-layer and wrapper
/// specs, in one pass over the current tree (pre-order is preserved; existing
/// parameters keep their `requires_grad`, new adapter weights start trainable as a
/// fresh `nn.Linear` does).
struct TreeBuilder {
  let current: ModuleTree
  let layers: [String: TunerLayer]
  let wrappers: [String: ModulesToSaveWrapper]
  /// Paths that are already tuner layers / wrappers in `current`.
  let existingLayers: Set<String>
  let existingWrappers: Set<String>

  private(set) var out: [Module] = []
  private(set) var roles: [String: ParameterRole] = [:]
  /// Old full parameter name -> new one, for parameters moved under `base_layer` / `original_module`.
  private(set) var renamed: [String: String] = [:]

  init(
    current: ModuleTree, layers: [TunerLayer], wrappers: [ModulesToSaveWrapper], existingLayers: Set<String>,
    existingWrappers: Set<String>
  ) {
    self.current = current
    self.layers = Dictionary(layers.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    self.wrappers = Dictionary(wrappers.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    self.existingLayers = existingLayers
    self.existingWrappers = existingWrappers
  }

  mutating func build() -> (ModuleTree, [String: ParameterRole]) {
    let mods = current.modules
    out.reserveCapacity(mods.count + layers.count * 10)
    var i = 0
    while i < mods.count {
      let m = mods[i]
      let end = m.path.isEmpty ? i + 1 : subtreeEnd(mods, i)
      if !m.path.isEmpty, let layer = layers[m.path] {
        emitLayer(layer, mods[i..<end])
        i = end
      } else if !m.path.isEmpty, let wrapper = wrappers[m.path] {
        emitWrapper(wrapper, mods[i..<end])
        i = end
      } else {
        out.append(m)
        i += 1
      }
    }
    if !renamed.isEmpty {
      for k in out.indices {
        for p in out[k].parameters.indices {
          if let t = out[k].parameters[p].tiedTo, let n = renamed[t] { out[k].parameters[p].tiedTo = n }
        }
      }
    }
    return (ModuleTree(rootTypeName: current.rootTypeName, modules: out), roles)
  }

  private func subtreeEnd(_ mods: [Module], _ i: Int) -> Int {
    let prefix = mods[i].path + "."
    var j = i + 1
    while j < mods.count, mods[j].path.hasPrefix(prefix) { j += 1 }
    return j
  }

  // MARK: Tuner layers

  private mutating func emitLayer(_ layer: TunerLayer, _ subtree: ArraySlice<Module>) {
    let p = layer.path
    out.append(Module(path: p, typeName: layer.layerType, kind: .container))
    let baseName = p + ".base_layer"
    if existingLayers.contains(p) {
      for m in subtree where m.path == baseName || m.path.hasPrefix(baseName + ".") {
        out.append(m)
      }
    } else {
      for m in subtree { out.append(rebased(m, from: p, to: baseName, keepTies: true)) }
    }
    container(p + ".lora_dropout", "ModuleDict")
    for a in layer.adapters {
      out.append(
        Module(path: p + ".lora_dropout." + a.name, typeName: a.dropout > 0 ? "Dropout" : "Identity", kind: .other))
    }
    let isEmbedding: Bool =
      if case .embedding = layer.baseKind { layer.layerType != "lora.ParamWrapper" } else { false }
    container(p + ".lora_A", "ModuleDict")
    if !isEmbedding { for a in layer.adapters { loraModule(layer, a, isA: true) } }
    container(p + ".lora_B", "ModuleDict")
    if !isEmbedding { for a in layer.adapters { loraModule(layer, a, isA: false) } }
    let embA = p + ".lora_embedding_A"
    let embB = p + ".lora_embedding_B"
    out.append(
      Module(
        path: embA, typeName: "ParameterDict", kind: .container,
        parameters: isEmbedding
          ? layer.adapters.map { param(embA, $0.name, [$0.r, $0.inFeatures], layer.path, nil) } : []))
    out.append(
      Module(
        path: embB, typeName: "ParameterDict", kind: .container,
        parameters: isEmbedding
          ? layer.adapters.map { param(embB, $0.name, [$0.outFeatures, $0.r], layer.path, nil) } : []))
    container(p + ".lora_magnitude_vector", "ModuleDict")
    for a in layer.adapters where a.useDora {
      let path = p + ".lora_magnitude_vector." + a.name
      let cls =
        switch layer.baseKind {
        case .embedding: "DoraEmbeddingLayer"
        case .conv(let d, _, _, _, _, _): "DoraConv\(d)dLayer"
        default: "DoraLinearLayer"
        }
      out.append(
        Module(path: path, typeName: cls, kind: .other, parameters: [param(path, "weight", [a.outFeatures], p, a.name)])
      )
    }
  }

  private mutating func container(_ path: String, _ type: String) {
    out.append(Module(path: path, typeName: type, kind: .container))
  }

  private mutating func loraModule(_ layer: TunerLayer, _ a: LayerAdapter, isA: Bool) {
    let path = layer.path + (isA ? ".lora_A." : ".lora_B.") + a.name
    let bias = !isA && a.loraBias
    var params: [Parameter]
    let kind: ModuleKind
    let type: String
    if case .conv(let d, _, _, let kernel, let groups, _) = layer.baseKind, layer.layerType != "lora.ParamWrapper" {
      type = "Conv\(d)d"
      if isA {
        kind = .conv(
          dimensions: d, inChannels: a.inFeatures, outChannels: a.r, kernelSize: kernel, groups: 1, bias: false)
        params = [param(path, "weight", [a.r, a.inFeatures] + kernel, layer.path, a.name)]
      } else {
        let g = max(groups, 1)
        let ones = [Int](repeating: 1, count: d)
        kind = .conv(
          dimensions: d, inChannels: a.r, outChannels: a.outFeatures, kernelSize: ones, groups: g, bias: bias)
        params = [param(path, "weight", [a.outFeatures, a.r / g] + ones, layer.path, a.name)]
      }
    } else {
      type = "Linear"
      if isA {
        kind = .linear(inFeatures: a.inFeatures, outFeatures: a.r, bias: false)
        params = [param(path, "weight", [a.r, a.inFeatures], layer.path, a.name)]
      } else {
        kind = .linear(inFeatures: a.r, outFeatures: a.outFeatures, bias: bias)
        params = [param(path, "weight", [a.outFeatures, a.r], layer.path, a.name)]
      }
    }
    if bias { params.append(param(path, "bias", [a.outFeatures], layer.path, a.name)) }
    out.append(Module(path: path, typeName: type, kind: kind, parameters: params))
  }

  /// A LoRA parameter, keeping the current `requires_grad` when it already exists.
  /// `adapter` nil: a ParameterDict entry (the parameter is named after its adapter).
  private mutating func param(_ modulePath: String, _ name: String, _ shape: [Int], _ layer: String, _ adapter: String?)
    -> Parameter
  {
    let existing = current[modulePath]?.parameters.first { $0.name == name }
    roles[modulePath] = adapter.map { .lora(layer: layer, adapter: $0) } ?? .loraDict(layer: layer)
    return Parameter(name: name, shape: shape, requiresGrad: existing?.requiresGrad ?? true)
  }

  // MARK: modules_to_save wrappers

  private mutating func emitWrapper(_ wrapper: ModulesToSaveWrapper, _ subtree: ArraySlice<Module>) {
    let p = wrapper.path
    let originalName = p + ".original_module"
    out.append(Module(path: p, typeName: "ModulesToSaveWrapper", kind: .container))
    var original: [Module] = []
    if existingWrappers.contains(p) {
      original = subtree.filter { $0.path == originalName || $0.path.hasPrefix(originalName + ".") }
    } else {
      original = subtree.map { rebased($0, from: p, to: originalName, keepTies: true) }
    }
    for m in original {
      out.append(m)
      if !m.parameters.isEmpty { roles[m.path] = .original(wrapper: p) }
    }
    container(p + ".modules_to_save", "ModuleDict")
    for adapter in wrapper.adapters {
      let copyName = p + ".modules_to_save." + adapter
      let existing = subtree.filter { $0.path == copyName || $0.path.hasPrefix(copyName + ".") }
      let copy =
        existingWrappers.contains(p) && !existing.isEmpty
        ? Array(existing) : original.map { rebased($0, from: originalName, to: copyName, keepTies: false) }
      for m in copy {
        out.append(m)
        if !m.parameters.isEmpty { roles[m.path] = .copy(wrapper: p, adapter: adapter) }
      }
    }
  }

  // MARK: Helpers

  /// `m` moved from under `from` to under `to`; its parameters' old full names are recorded
  /// so ties can follow. Copies (`keepTies: false`) get fresh, untied tensors.
  private mutating func rebased(_ m: Module, from: String, to: String, keepTies: Bool) -> Module {
    var moved = m
    moved.path = to + m.path.dropFirst(from.count)
    for k in moved.parameters.indices {
      if keepTies {
        renamed[m.fullName(of: m.parameters[k])] = moved.fullName(of: moved.parameters[k])
      } else if let t = moved.parameters[k].tiedTo {
        moved.parameters[k].tiedTo = nil
        if let owner = current.parameter(named: t) { moved.parameters[k].requiresGrad = owner.requiresGrad }
      }
    }
    return moved
  }
}

extension ModuleTree {
  /// The parameter with this full name (`model.embed_tokens.weight`), or nil.
  func parameter(named fullName: String) -> Parameter? {
    let modulePath = ModuleTree.parentPath(of: fullName)
    let name = fullName.isEmpty ? "" : String(fullName.dropFirst(modulePath.isEmpty ? 0 : modulePath.count + 1))
    return self[modulePath]?.parameters.first { $0.name == name }
  }
}
