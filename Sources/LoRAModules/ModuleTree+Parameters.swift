/// A parameter with its full dotted name, as `named_parameters()` yields it.
public struct NamedParameter: Hashable, Sendable {
  public var fullName: String
  public var parameter: Parameter
  /// The path of the module that owns it.
  public var modulePath: String
}

extension ModuleTree {
  /// Every parameter in `named_parameters()` order, tied duplicates left out
  /// (PyTorch yields a shared tensor once, under its first name).
  public var namedParameters: [NamedParameter] {
    var result: [NamedParameter] = []
    for module in modules {
      for p in module.parameters where p.tiedTo == nil {
        result.append(NamedParameter(fullName: module.fullName(of: p), parameter: p, modulePath: module.path))
      }
    }
    return result
  }

  /// Total and trainable element counts, each tensor counted once.
  public var parameterCounts: (trainable: Int, all: Int) {
    var all = 0
    var trainable = 0
    for module in modules {
      for p in module.parameters where p.tiedTo == nil {
        all += p.elementCount
        if p.requiresGrad { trainable += p.elementCount }
      }
    }
    return (trainable, all)
  }

  /// Sets `requires_grad` on every direct parameter of the modules whose path
  /// `isSelected` accepts; tied parameters follow their owner.
  public mutating func setRequiresGrad(_ value: Bool, where isSelected: (String) -> Bool) {
    var changedOwners: Set<String> = []
    updateEach { module in
      guard isSelected(module.path) else { return }
      for i in module.parameters.indices {
        module.parameters[i].requiresGrad = value
        if module.parameters[i].tiedTo == nil { changedOwners.insert(module.fullName(of: module.parameters[i])) }
      }
    }
    guard !changedOwners.isEmpty else { return }
    updateEach { module in
      for i in module.parameters.indices {
        if let owner = module.parameters[i].tiedTo, changedOwners.contains(owner) {
          module.parameters[i].requiresGrad = value
        }
      }
    }
  }

  /// The paths of modules in the subtree at `path` (itself first).
  public func subtree(_ path: String) -> [Module] {
    if path.isEmpty { return modules }
    let prefix = path + "."
    return modules.filter { $0.path == path || $0.path.hasPrefix(prefix) }
  }
}
