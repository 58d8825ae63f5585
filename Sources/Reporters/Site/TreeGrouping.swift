/// A node of the module tree after repeated layers are grouped: `layers.0` ... `layers.31` with
/// identical structure, adapters and freezing become one node `0–31` with count 32.
struct TreeNode: Equatable {
  /// The segment name (`q_proj`), or a range (`0–31`) for a group.
  var name: String
  /// The class name; empty for implied containers.
  var type: String
  /// Styling of the module itself.
  var status: TreeModuleStatus
  /// Trainable parameters in this node's subtree (one copy for a group).
  var trainable: Int
  /// All parameters in this node's subtree (one copy for a group).
  var total: Int
  /// How many identical siblings this node stands for (1 unless grouped).
  var count: Int
  /// Children in first-seen order.
  var children: [TreeNode]

  /// Modules in the subtree (one copy) with each status, for the container summaries.
  func statusCounts() -> [TreeModuleStatus: Int] {
    var counts: [TreeModuleStatus: Int] = [:]
    if !type.isEmpty, status != .plain { counts[status, default: 0] += 1 }
    for child in children {
      for (status, n) in child.statusCounts() { counts[status, default: 0] += n * child.count }
    }
    return counts
  }

  /// A key equal for subtrees that look the same in the picture (names, types, styles, counts).
  var signature: String {
    "\(type)|\(status.rawValue)|\(trainable)|\(total)|\(count)["
      + children.map { "\($0.name)=\($0.signature)" }
      .joined(separator: ",") + "]"
  }
}

enum TreeGrouping {
  /// Builds the tree from flat module paths (implying missing ancestors) and groups repeats.
  static func build(_ view: TreeView) -> TreeNode {
    final class Builder {
      var name: String
      var module: TreeView.Module?
      var order: [String] = []
      var children: [String: Builder] = [:]
      init(name: String) { self.name = name }
      func child(_ name: String) -> Builder {
        if let existing = children[name] { return existing }
        let made = Builder(name: name)
        children[name] = made
        order.append(name)
        return made
      }
      func node() -> TreeNode {
        let kids = order.compactMap { children[$0]?.node() }
        let ownTrainable = module?.trainableParameters ?? 0
        let ownTotal = module?.totalParameters ?? 0
        return TreeNode(
          name: name, type: module?.type ?? "", status: module?.status ?? .plain,
          trainable: ownTrainable + kids.reduce(0) { $0 + $1.trainable * $1.count },
          total: ownTotal + kids.reduce(0) { $0 + $1.total * $1.count }, count: 1, children: kids)
      }
    }
    let root = Builder(name: view.title)
    for module in view.modules {
      let segments = module.path.split(separator: ".").map(String.init)
      if segments.isEmpty {
        root.module = module
        continue
      }
      var node = root
      for segment in segments { node = node.child(segment) }
      node.module = module
    }
    return group(root.node())
  }

  /// Groups runs of consecutive numbered siblings with the same signature, bottom-up.
  static func group(_ node: TreeNode) -> TreeNode {
    var node = node
    node.children = node.children.map(group)
    var grouped: [TreeNode] = []
    var index = 0
    let kids = node.children
    while index < kids.count {
      var end = index
      if let first = Int(kids[index].name) {
        while end + 1 < kids.count, let next = Int(kids[end + 1].name), next == first + (end + 1 - index),
          kids[end + 1].signature == kids[index].signature
        {
          end += 1
        }
      }
      if end > index, let first = Int(kids[index].name), let last = Int(kids[end].name) {
        var group = kids[index]
        group.name = "\(first)–\(last)"
        group.count = end - index + 1
        grouped.append(group)
      } else {
        grouped.append(kids[index])
      }
      index = end + 1
    }
    node.children = grouped
    return node
  }
}
