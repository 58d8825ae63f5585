/// Where each spec's page goes and how links between specs are rewritten.
struct SitePaths {
  /// Relative paths of every spec on the site (`matching/regex.md`).
  let specs: Set<String>

  /// `matching/regex.md` -> `matching/regex.html`.
  static func page(for relativePath: String) -> String {
    relativePath.hasSuffix(".md") ? String(relativePath.dropLast(3)) + ".html" : relativePath + ".html"
  }

  /// `../` repeated once per folder of `relativePath`.
  static func root(for relativePath: String) -> String {
    String(repeating: "../", count: relativePath.split(separator: "/").count - 1)
  }

  /// A file-name-safe slug of a path: `matching/regex.md` -> `matching-regex`.
  static func slug(_ relativePath: String) -> String {
    let base = relativePath.hasSuffix(".md") ? String(relativePath.dropLast(3)) : relativePath
    return String(base.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
  }

  /// The rewritten URL of a link found in `from`, or `nil` when the link does not point to a spec
  /// on the site (external URLs, anchors, other files keep their target).
  func rewrite(_ url: String, from: String) -> String? {
    if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("/") || url.contains(":") { return nil }
    let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let path = String(parts[0])
    let fragment = parts.count > 1 ? "#" + parts[1] : ""
    guard path.hasSuffix(".md"), let resolved = Self.resolve(path, against: from), specs.contains(resolved) else {
      return nil
    }
    return String(path.dropLast(3)) + ".html" + fragment
  }

  /// Resolves `path` relative to the folder of `from`; `nil` when it climbs above the root.
  static func resolve(_ path: String, against from: String) -> String? {
    var stack = from.split(separator: "/").dropLast().map(String.init)
    for segment in path.split(separator: "/") {
      switch segment {
      case ".": continue
      case "..":
        guard !stack.isEmpty else { return nil }
        stack.removeLast()
      default: stack.append(String(segment))
      }
    }
    return stack.joined(separator: "/")
  }
}
