import LoRAModules

/// Puts declared modules into `named_modules()` pre-order, creating the parent
/// containers their dotted paths imply (`ModuleList` when every child is numbered).
/// Siblings keep the order in which they were first declared or implied.
enum TreeAssembly {
  private struct Node {
    var path: String
    var module: Module?
    var children: [Int] = []
  }

  static func assemble(_ declared: [Module], rootType: String) -> ModuleTree {
    var nodes = [Node(path: "", module: nil)]
    var index: [String: Int] = ["": 0]

    func node(for path: String) -> Int {
      if let i = index[path] { return i }
      let parent = node(for: ModuleTree.parentPath(of: path))
      nodes.append(Node(path: path, module: nil))
      let i = nodes.count - 1
      index[path] = i
      nodes[parent].children.append(i)
      return i
    }

    for module in declared {
      let i = node(for: module.path)
      if nodes[i].module == nil { nodes[i].module = module }
    }

    var ordered: [Module] = []
    ordered.reserveCapacity(nodes.count)
    var stack = [0]
    while let i = stack.popLast() {
      let n = nodes[i]
      if let module = n.module {
        ordered.append(module)
      } else {
        let numbered =
          !n.children.isEmpty
          && n.children.allSatisfy { nodes[$0].path.split(separator: ".").last?.allSatisfy(\.isNumber) == true }
        let type = n.path.isEmpty ? rootType : (numbered ? "ModuleList" : "Module")
        ordered.append(Module(path: n.path, typeName: type, kind: .container))
      }
      stack.append(contentsOf: n.children.reversed())
    }
    return ModuleTree(rootTypeName: ordered.first?.typeName ?? rootType, modules: ordered)
  }

  /// Compares dotted names component by component, numbers numerically
  /// (`layers.2` before `layers.10`).
  static func naturalOrder(_ a: String, _ b: String) -> Bool {
    let x = a.split(separator: ".", omittingEmptySubsequences: false)
    let y = b.split(separator: ".", omittingEmptySubsequences: false)
    for (p, q) in zip(x, y) where p != q {
      if let m = Int(p), let n = Int(q) { return m < n }
      return p < q
    }
    return x.count < y.count
  }
}
