import LoRAModules

/// Collects modules in `named_modules()` order while an architecture is built.
/// Paths are joined with dots; an empty prefix means the root.
struct TreeBuilder {
  private(set) var modules: [Module] = []

  static func join(_ prefix: String, _ name: String) -> String {
    prefix.isEmpty ? name : (name.isEmpty ? prefix : prefix + "." + name)
  }

  /// A module with the given kind and direct parameters.
  mutating func add(_ path: String, _ type: String, _ kind: ModuleKind, _ parameters: [Parameter] = []) {
    modules.append(Module(path: path, typeName: type, kind: kind, parameters: parameters))
  }

  /// A module that holds other modules (and maybe a few parameters of its own).
  mutating func container(_ path: String, _ type: String, _ parameters: [Parameter] = []) {
    add(path, type, .container, parameters)
  }

  /// `nn.ModuleList` (its items are added by the caller).
  mutating func moduleList(_ path: String) { container(path, "ModuleList") }

  /// A parameterless leaf: activation, dropout, rotary embedding, identity.
  mutating func leaf(_ path: String, _ type: String) { add(path, type, .other) }

  mutating func dropout(_ path: String) { leaf(path, "Dropout") }

  mutating func activation(_ path: String, _ name: String) { leaf(path, Activation.className(name)) }

  mutating func linear(_ path: String, _ inFeatures: Int, _ outFeatures: Int, bias: Bool, type: String = "Linear") {
    layer(path, type, .linear(inFeatures: inFeatures, outFeatures: outFeatures, bias: bias))
  }

  /// A layer of `kind` with the parameters the kind implies (``ModuleKind/parameters``).
  mutating func layer(_ path: String, _ type: String, _ kind: ModuleKind, frozen: Bool = false) {
    add(
      path, type, kind,
      kind.parameters.map { parameter in
        var parameter = parameter
        parameter.requiresGrad = !frozen
        return parameter
      })
  }

  /// transformers' `Conv1D(nf, nx)`: weight [nx, nf] = [in, out], bias [nf].
  mutating func conv1D(_ path: String, _ inFeatures: Int, _ outFeatures: Int) {
    layer(path, "Conv1D", .transformersConv1D(inFeatures: inFeatures, outFeatures: outFeatures))
  }

  mutating func embedding(_ path: String, _ count: Int, _ dim: Int, type: String = "Embedding", frozen: Bool = false) {
    layer(path, type, .embedding(numEmbeddings: count, embeddingDim: dim), frozen: frozen)
  }

  mutating func layerNorm(_ path: String, _ dim: Int, bias: Bool = true, type: String = "LayerNorm") {
    layer(path, type, .norm(normalizedShape: dim, rms: false, bias: bias))
  }

  mutating func rmsNorm(_ path: String, _ dim: Int, type: String) {
    layer(path, type, .norm(normalizedShape: dim, rms: true, bias: false))
  }

  /// `nn.Conv1d/2d/3d`: weight [out, in/groups, *kernel].
  mutating func conv(_ path: String, _ inChannels: Int, _ outChannels: Int, kernel: [Int], groups: Int = 1, bias: Bool)
  {
    layer(
      path, "Conv\(kernel.count)d",
      .conv(
        dimensions: kernel.count, inChannels: inChannels, outChannels: outChannels, kernelSize: kernel, groups: groups,
        bias: bias))
  }

  /// `nn.MultiheadAttention(embed_dim, num_heads)` with its `out_proj`.
  mutating func multiheadAttention(_ path: String, _ dim: Int, heads: Int, bias: Bool = true) {
    layer(path, "MultiheadAttention", .multiheadAttention(embedDim: dim, numHeads: heads, bias: bias))
    linear(Self.join(path, "out_proj"), dim, dim, bias: bias, type: "NonDynamicallyQuantizableLinear")
  }

  /// Marks the parameter `alias` (a full name) as sharing storage with `owner`.
  mutating func tie(_ alias: String, to owner: String) {
    let modulePath = ModuleTree.parentPath(of: alias)
    let name = modulePath.isEmpty ? alias : String(alias.dropFirst(modulePath.count + 1))
    guard let m = modules.lastIndex(where: { $0.path == modulePath }),
      let p = modules[m].parameters.firstIndex(where: { $0.name == name })
    else { return }
    modules[m].parameters[p].tiedTo = owner
  }

  func tree(root: String) -> ModuleTree { ModuleTree(rootTypeName: root, modules: modules) }
}
