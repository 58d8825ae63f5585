import Foundation

/// Finds the spec files under the paths given to `lora-spec run`.
public enum SpecDiscovery {
  /// A path that does not exist (a usage error: exit code 2).
  public struct MissingPath: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var description: String { "\(path): no such file or directory" }
  }

  /// The Markdown files (`.md`) under `paths`: directories are searched recursively
  /// (hidden entries skipped) and each directory's files are sorted; files are kept as
  /// given. Duplicates are removed. Paths are reported as given, with `./` dropped.
  public static func files(in paths: [String]) throws(MissingPath) -> [String] {
    var result: [String] = []
    var seen: Set<String> = []
    let manager = FileManager.default
    for path in paths {
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw MissingPath(path: path) }
      let found = isDirectory.boolValue ? markdownFiles(under: path) : [normalize(path)]
      for file in found where seen.insert(file).inserted { result.append(file) }
    }
    return result
  }

  private static func markdownFiles(under directory: String) -> [String] {
    let manager = FileManager.default
    let base = normalize(directory)
    guard let entries = try? manager.subpathsOfDirectory(atPath: directory) else { return [] }
    return
      entries
      .filter { entry in
        entry.lowercased().hasSuffix(".md") && !entry.split(separator: "/").contains { $0.hasPrefix(".") }
      }
      .map { base.isEmpty || base == "." ? $0 : (base.hasSuffix("/") ? base + $0 : base + "/" + $0) }
      .filter { path in
        var isDirectory: ObjCBool = false
        return manager.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
      }
      .sorted()
  }

  private static func normalize(_ path: String) -> String {
    var path = path
    while path.hasPrefix("./") { path.removeFirst(2) }
    while path.count > 1, path.hasSuffix("/") { path.removeLast() }
    return path
  }
}
