/// JUnit suite names for spec files.
public enum SuiteNaming {
  /// The suite name of `path` relative to `root`: without the `.md` extension, `/` as
  /// `.`, dots inside a segment as `_` (`Specs/matching/regex.v2.md` with root `Specs`
  /// -> `matching.regex_v2`). A path outside `root` keeps all its segments.
  public static func suiteName(path: String, root: String?) -> String {
    var relative = path
    if let root, !root.isEmpty {
      let prefix = root.hasSuffix("/") ? root : root + "/"
      if relative.hasPrefix(prefix) { relative.removeFirst(prefix.count) }
    }
    if relative.hasPrefix("./") { relative.removeFirst(2) }
    if relative.lowercased().hasSuffix(".md") { relative.removeLast(3) }
    let segments = relative.split(separator: "/", omittingEmptySubsequences: true)
    return segments.map { $0.replacingOccurrences(of: ".", with: "_") }.joined(separator: ".")
  }
}

extension Substring {
  fileprivate func replacingOccurrences(of target: Character, with replacement: String) -> String {
    var result = ""
    for character in self { if character == target { result += replacement } else { result.append(character) } }
    return result
  }
}
