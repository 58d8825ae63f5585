import Foundation

/// A module graph: for each target, the modules it depends on.
struct ModuleGraph: Equatable {
  var edges: [String: Set<String>]

  /// Every `A -> B` edge as text, sorted, for messages.
  var edgeList: [String] {
    edges.flatMap { source, targets in targets.map { "\(source) -> \($0)" } }.sorted()
  }
}

/// One `import` line of a Swift file.
struct ImportLine: Equatable {
  /// The file, relative to the package root.
  var file: String
  /// 1-based line.
  var line: Int
  /// The imported module.
  var module: String
}

/// Reads the three descriptions of the module graph a package has: what Package.swift declares,
/// what ARCHITECTURE.md draws, and what the Swift files import.
enum ModuleGraphReader {
  /// Modules of the toolchain and platform, which no target declares.
  static let systemModules: Set<String> = [
    "Foundation", "FoundationEssentials", "Dispatch", "Glibc", "Darwin", "Musl", "Testing", "XCTest",
    "PackageDescription", "Synchronization",
  ]

  /// The dependencies each target of `Package.swift` declares: target names and product names,
  /// in the layout this project's manifest uses (`.target(name: "X", dependencies: [...])`).
  static func declared(packageSwift text: String) -> [String: Set<String>] {
    let target = /\.(?:target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*"([^"]+)"/
    let product = /\.product\(name:\s*"([^"]+)",\s*package:\s*"[^"]+"\)/
    let quoted = /"([^"]+)"/
    var result: [String: Set<String>] = [:]
    let matches = text.matches(of: target)
    for (number, match) in matches.enumerated() {
      let end = number + 1 < matches.count ? matches[number + 1].range.lowerBound : text.endIndex
      let call = text[match.range.upperBound..<end]
      var dependencies: Set<String> = []
      if let list = call.range(of: "dependencies:"), let open = call[list.upperBound...].firstIndex(of: "["),
        let close = call[open...].firstIndex(of: "]")
      {
        var inner = String(call[call.index(after: open)..<close])
        for found in inner.matches(of: product) { dependencies.insert(String(found.output.1)) }
        inner = inner.replacing(product, with: "")
        for found in inner.matches(of: quoted) { dependencies.insert(String(found.output.1)) }
      }
      result[String(match.output.1)] = dependencies
    }
    return result
  }

  /// The executable targets of `Package.swift`: a test target lists one to have it built, not
  /// to import it.
  static func executables(packageSwift text: String) -> Set<String> {
    Set(text.matches(of: /\.executableTarget\(\s*name:\s*"([^"]+)"/).map { String($0.output.1) })
  }

  /// The graph drawn in ARCHITECTURE.md's ```module-graph block: `A -> B, C` lines, or
  /// `A -> (nothing)`.
  static func documented(architecture text: String) -> [String: Set<String>] {
    var result: [String: Set<String>] = [:]
    var inBlock = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("```") {
        if inBlock { break }
        inBlock = trimmed == "```module-graph"
        continue
      }
      guard inBlock, let arrow = trimmed.range(of: "->") else { continue }
      let source = trimmed[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
      let targets = trimmed[arrow.upperBound...].split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces)
      }.filter { !$0.isEmpty && $0 != "(nothing)" }
      result[source, default: []].formUnion(targets)
    }
    return result
  }

  /// The `import` lines of every Swift file under `folder` (recursively), with paths relative
  /// to `root`.
  static func imports(in folder: URL, root: URL) -> [ImportLine] {
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
    var lines: [ImportLine] = []
    for case let url as URL in walker where url.pathExtension == "swift" {
      guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
      let relative = String(url.path.dropFirst(root.path.count + 1))
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let words = line.split(separator: " ").map(String.init)
        guard let importIndex = words.firstIndex(of: "import"),
          words[..<importIndex].allSatisfy({ $0.hasPrefix("@") }),
          importIndex + 1 < words.count
        else { continue }
        let module = words[importIndex + 1].split(separator: ".").first.map(String.init) ?? ""
        lines.append(ImportLine(file: relative, line: number + 1, module: module))
      }
    }
    return lines.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
  }
}
