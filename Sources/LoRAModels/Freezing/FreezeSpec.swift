import Foundation
import LoRAModules
import Support

/// What a user freezes before injection (`module.requires_grad_(False)`): module
/// prefixes and/or regular expressions on module paths. A selected module and all
/// its descendants get `requires_grad = false`; tied aliases follow their owner.
///
/// ```swift
/// let spec = try FreezeSpec(entries: ["model.vision_tower", "regex:.*\\.mlp"])
/// let frozen = try spec.apply(to: tree)
/// ```
public struct FreezeSpec: Hashable, Sendable {
  /// Module paths; each freezes that module and everything below it.
  public var prefixes: [String]
  /// Regular expressions that must match a whole module path (Python `re.fullmatch`,
  /// evaluated with ICU).
  public var patterns: [String]

  public init(prefixes: [String] = [], patterns: [String] = []) {
    self.prefixes = prefixes
    self.patterns = patterns
  }

  /// Parses command-line style entries: a module path, or `regex:<pattern>`.
  public init(entries: [String]) {
    var prefixes: [String] = []
    var patterns: [String] = []
    for entry in entries {
      if entry.hasPrefix("regex:") { patterns.append(String(entry.dropFirst(6))) } else { prefixes.append(entry) }
    }
    self.init(prefixes: prefixes, patterns: patterns)
  }

  /// True when nothing is frozen.
  public var isEmpty: Bool { prefixes.isEmpty && patterns.isEmpty }

  /// The paths of the modules the spec selects (before descendants are added), in
  /// tree order.
  ///
  /// - Throws: `ModelSourceError` for a prefix naming no module (with the closest
  ///   path), an invalid regex or one that matches nothing.
  public func selectedModules(in tree: ModuleTree, source: String = "freeze") throws(ModelSourceError) -> [String] {
    var selected: Set<String> = []
    for prefix in prefixes {
      guard tree.contains(prefix) else {
        let hint = ClosestName.hint(prefix, among: tree.modules.map(\.path))
        throw ModelSourceError(source: source, "no module named '\(prefix)'\(hint)")
      }
      selected.insert(prefix)
    }
    for pattern in patterns {
      let regex: NSRegularExpression
      do {
        regex = try NSRegularExpression(pattern: "(?:" + pattern + ")\\z")
      } catch {
        throw ModelSourceError(source: source, "'\(pattern)' is not a valid regular expression")
      }
      var matched = false
      for module in tree.modules where !module.path.isEmpty {
        let range = NSRange(location: 0, length: module.path.utf16.count)
        if regex.firstMatch(in: module.path, options: [.anchored], range: range) != nil {
          selected.insert(module.path)
          matched = true
        }
      }
      guard matched else { throw ModelSourceError(source: source, "regex '\(pattern)' matches no module") }
    }
    return tree.modules.map(\.path).filter { selected.contains($0) }
  }

  /// The tree with the selected modules and their descendants frozen.
  public func apply(to tree: ModuleTree, source: String = "freeze") throws(ModelSourceError) -> ModuleTree {
    let selected = try selectedModules(in: tree, source: source)
    guard !selected.isEmpty else { return tree }
    let exact = Set(selected)
    let prefixes = selected.map { $0 + "." }
    var result = tree
    let everything = exact.contains("")
    result.setRequiresGrad(false) { path in
      everything || exact.contains(path) || prefixes.contains { path.hasPrefix($0) }
    }
    return result
  }
}
