/// A model's structure: its modules in PyTorch `named_modules()` order (pre-order,
/// children in registration order, root first with the empty path).
///
/// A tree holds no weights, so a 70B-parameter model costs kilobytes. It is a value:
/// injection returns a new tree.
public struct ModuleTree: Hashable, Sendable {
  /// The Python class name of the root (`LlamaForCausalLM`).
  public var rootTypeName: String
  /// Every module, root first, in `named_modules()` order.
  public private(set) var modules: [Module]
  private var indexByPath: [String: Int]

  /// Builds a tree from modules in `named_modules()` order. A root entry with the
  /// empty path is added when missing. Duplicate paths keep the first entry.
  public init(rootTypeName: String, modules: [Module]) {
    self.rootTypeName = rootTypeName
    var list = modules
    if list.first?.path != "" {
      list.insert(Module(path: "", typeName: rootTypeName, kind: .container), at: 0)
    }
    var index: [String: Int] = [:]
    var unique: [Module] = []
    unique.reserveCapacity(list.count)
    for module in list where index[module.path] == nil {
      index[module.path] = unique.count
      unique.append(module)
    }
    self.modules = unique
    self.indexByPath = index
  }

  /// The module at a dotted path, or nil.
  public subscript(path: String) -> Module? {
    guard let i = indexByPath[path] else { return nil }
    return modules[i]
  }

  /// Whether a module with this path exists.
  public func contains(_ path: String) -> Bool { indexByPath[path] != nil }

  /// Replaces the module at `module.path`, or appends it after its last descendant
  /// of its parent when new (keeping pre-order).
  public mutating func upsert(_ module: Module) {
    if let i = indexByPath[module.path] {
      modules[i] = module
      return
    }
    let parent = Self.parentPath(of: module.path)
    var insertAt = modules.count
    if let p = indexByPath[parent] {
      insertAt = p + 1
      let prefix = parent.isEmpty ? "" : parent + "."
      while insertAt < modules.count, parent.isEmpty || modules[insertAt].path.hasPrefix(prefix) {
        insertAt += 1
      }
    }
    modules.insert(module, at: insertAt)
    reindex()
  }

  /// Removes the module at `path` and all its descendants.
  public mutating func remove(subtree path: String) {
    let prefix = path + "."
    modules.removeAll { $0.path == path || $0.path.hasPrefix(prefix) }
    reindex()
  }

  /// Applies `body` to every module, in order.
  public mutating func updateEach(_ body: (inout Module) throws -> Void) rethrows {
    for i in modules.indices { try body(&modules[i]) }
  }

  /// The path of the parent module (`""` for a top-level child).
  public static func parentPath(of path: String) -> String {
    guard let dot = path.lastIndex(of: ".") else { return "" }
    return String(path[..<dot])
  }

  private mutating func reindex() {
    indexByPath = Dictionary(modules.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
  }
}
