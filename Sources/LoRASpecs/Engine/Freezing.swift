import Foundation
import LoRA
import LoRAModules
import SpecFormat
import SpecRunner

/// Applies a model block's `freeze` / `freeze_regex` before injection, as a user does with
/// `module.requires_grad_(False)`: the module and all its descendants are frozen.
enum Freezing {
  static func apply(_ block: ModelBlock, to tree: ModuleTree) throws -> ModuleTree {
    var tree = tree
    for prefix in block.freezePrefixes {
      guard tree.contains(prefix) else {
        var message = "freeze: no module named '\(prefix)'"
        if let close = ClosestName.match(prefix, among: tree.modules.map(\.path)) { message += "; did you mean '\(close)'?" }
        throw SpecError(message, at: block.location)
      }
      let childPrefix = prefix + "."
      tree.setRequiresGrad(false) { $0 == prefix || $0.hasPrefix(childPrefix) }
    }
    if let pattern = block.freezeRegex {
      let regex: NSRegularExpression
      do {
        regex = try NSRegularExpression(pattern: "^(?:" + pattern + ")$")
      } catch {
        throw SpecError("freeze_regex '\(pattern)' is not a valid regular expression", at: block.location)
      }
      var selected: [String] = []
      for module in tree.modules where !module.path.isEmpty {
        let range = NSRange(module.path.startIndex..., in: module.path)
        if regex.firstMatch(in: module.path, range: range) != nil { selected.append(module.path) }
      }
      guard !selected.isEmpty else {
        throw SpecError("freeze_regex '\(pattern)' matches no module", at: block.location)
      }
      let prefixes = selected.map { $0 + "." }
      let exact = Set(selected)
      tree.setRequiresGrad(false) { path in exact.contains(path) || prefixes.contains { path.hasPrefix($0) } }
    }
    return tree
  }
}
