import LoRAModules

/// One module of an injected model as an overview (the docs site's tree pictures) shows it:
/// the base model's modules as given, an adapted module standing for its whole tuner layer.
public struct ModuleOverview: Sendable, Equatable {
  /// The module's path in the base model.
  public var path: String
  /// Its class name in the base model.
  public var typeName: String
  /// Whether it became a LoRA layer.
  public var adapted: Bool
  /// Whether it was frozen before injection (``FrozenModules``).
  public var frozen: Bool
  /// Trainable parameters after injection: the whole tuner layer for an adapted module
  /// (base and LoRA weights), the module's own parameters otherwise.
  public var trainableParameters: Int
  /// All parameters counted the same way.
  public var totalParameters: Int
}

extension PeftModel {
  /// The base model's modules (the root and the insides of adapted layers left out), each with
  /// its adapted and frozen state and parameter counts, in `named_modules()` order. Linear in
  /// the size of the tree.
  public var moduleOverview: [ModuleOverview] {
    let adapted = Set(layers.map(\.path))
    let frozen = FrozenModules(base)
    let layerCounts = Self.subtreeCounts(of: adapted, in: tree)
    var overview: [ModuleOverview] = []
    var insideLayer: String?
    for module in base.modules where !module.path.isEmpty {
      if let layer = insideLayer, module.path.hasPrefix(layer + ".") { continue }
      insideLayer = nil
      let counts: (trainable: Int, total: Int)
      if adapted.contains(module.path) {
        insideLayer = module.path
        counts = layerCounts[module.path] ?? (0, 0)
      } else {
        counts = Self.counts(tree[module.path]?.parameters ?? module.parameters)
      }
      overview.append(
        ModuleOverview(
          path: module.path, typeName: module.typeName, adapted: adapted.contains(module.path),
          frozen: frozen.contains(module.path), trainableParameters: counts.trainable, totalParameters: counts.total))
    }
    return overview
  }

  /// Parameter counts of the subtrees rooted at `roots` (which do not nest), in one pass.
  private static func subtreeCounts(of roots: Set<String>, in tree: ModuleTree) -> [String: (Int, Int)] {
    var result: [String: (Int, Int)] = [:]
    var current: String?
    for module in tree.modules {
      let stillInside = current.map { module.path == $0 || module.path.hasPrefix($0 + ".") } ?? false
      if !stillInside { current = roots.contains(module.path) ? module.path : nil }
      guard let root = current else { continue }
      let counts = Self.counts(module.parameters)
      let sum = result[root] ?? (0, 0)
      result[root] = (sum.0 + counts.trainable, sum.1 + counts.total)
    }
    return result
  }

  private static func counts(_ parameters: [Parameter]) -> (trainable: Int, total: Int) {
    parameters.reduce(into: (0, 0)) { sum, parameter in
      sum.total += parameter.elementCount
      if parameter.requiresGrad { sum.trainable += parameter.elementCount }
    }
  }
}
