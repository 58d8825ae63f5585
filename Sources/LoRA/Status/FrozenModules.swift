import LoRAModules

/// The one definition of "frozen" that every report uses: the `adapted-frozen` extension,
/// `skip_frozen`, the `plan --format tree` marks (and so `expect tree`), and the docs site's
/// pictures.
///
/// A module is **frozen** when it holds parameters of its own and every parameter of its
/// subtree (its own and its descendants') has `requires_grad` false:
/// - a leaf layer (`Linear`, `Embedding`, a norm): all of its parameters are frozen;
/// - a container with parameters of its own (`MultiheadAttention`, a module with a bare
///   `nn.Parameter`): those and all of its children's parameters are frozen;
/// - a container without parameters of its own (`encoder`, `layers.0`) is never marked: it
///   is a namespace, and its children carry their own marks;
/// - a module without any parameter (`Dropout`, an activation) is never frozen.
///
/// Built in one pass over the tree (linear in its size).
public struct FrozenModules: Sendable {
  /// The frozen modules' paths.
  public let paths: Set<String>

  /// The frozen modules of `tree`, as its `requires_grad` flags stand.
  public init(_ tree: ModuleTree) {
    var trainableBelow: [String: Bool] = [:]
    trainableBelow.reserveCapacity(tree.modules.count)
    var frozen: Set<String> = []
    // named_modules order lists a parent before its descendants: walking it backwards sees
    // every child before its parent.
    for module in tree.modules.reversed() {
      let trainable = (trainableBelow[module.path] ?? false) || module.parameters.contains { $0.requiresGrad }
      if !module.parameters.isEmpty, !trainable { frozen.insert(module.path) }
      if !module.path.isEmpty {
        let parent = module.path.lastIndex(of: ".").map { String(module.path[..<$0]) } ?? ""
        if trainable { trainableBelow[parent] = true }
      }
    }
    paths = frozen
  }

  /// Whether the module at `path` is frozen.
  public func contains(_ path: String) -> Bool { paths.contains(path) }
}
