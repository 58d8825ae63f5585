import Foundation

/// The rules that keep the module graph true: what Package.swift declares is what the files
/// import, and it is what ARCHITECTURE.md draws.
enum ArchitectureCheck {
  /// Every disagreement between the three descriptions of a package's module graph, as
  /// messages naming the file, target or edge at fault (empty when they agree).
  ///
  /// - `declared`: the dependencies of every target in Package.swift.
  /// - `documented`: the graph ARCHITECTURE.md draws (source targets only).
  /// - `imports`: per target, the import lines of its Swift files.
  /// - `documentedTargets`: the targets the drawing must cover (the source targets).
  /// - `buildOnly`: dependencies listed to be built first, never imported (executables).
  static func violations(
    declared: [String: Set<String>], documented: [String: Set<String>], imports: [String: [ImportLine]],
    documentedTargets: Set<String>, buildOnly: Set<String> = []
  ) -> [String] {
    var problems: [String] = []
    for target in imports.keys.sorted() {
      let lines = imports[target] ?? []
      let allowed = declared[target] ?? []
      for line in lines where !ModuleGraphReader.systemModules.contains(line.module) && !allowed.contains(line.module) {
        problems.append(
          "\(line.file):\(line.line): imports \(line.module), which target \(target) does not list in Package.swift")
      }
      let used = Set(lines.map(\.module))
      for dependency in allowed.sorted() where !used.contains(dependency) && !buildOnly.contains(dependency) {
        problems.append("Package.swift: target \(target) lists \(dependency) but no file of it imports it")
      }
    }
    for target in documentedTargets.sorted() {
      let inPackage = declared[target] ?? []
      let drawn = documented[target] ?? []
      if documented[target] == nil {
        problems.append("ARCHITECTURE.md: the module graph does not draw target \(target)")
        continue
      }
      for edge in inPackage.subtracting(drawn).sorted() {
        problems.append("Package.swift: edge \(target) -> \(edge) is not in ARCHITECTURE.md's module graph")
      }
      for edge in drawn.subtracting(inPackage).sorted() {
        problems.append("ARCHITECTURE.md: edge \(target) -> \(edge) is not in Package.swift")
      }
    }
    for target in Set(documented.keys).subtracting(documentedTargets).sorted() {
      problems.append("ARCHITECTURE.md: the module graph draws \(target), which is not a source target")
    }
    return problems
  }

  /// Checks the package at `root`: Sources/<target> and Tests/<target> folders, Package.swift
  /// and ARCHITECTURE.md.
  static func violations(packageAt root: URL) throws -> [String] {
    let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
    let architecture = try String(contentsOf: root.appendingPathComponent("ARCHITECTURE.md"), encoding: .utf8)
    let declared = ModuleGraphReader.declared(packageSwift: manifest)
    var imports: [String: [ImportLine]] = [:]
    var sourceTargets: Set<String> = []
    for (folder, isSource) in [("Sources", true), ("Tests", false)] {
      let base = root.appendingPathComponent(folder)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
      for name in names.sorted() where declared[name] != nil {
        let lines = ModuleGraphReader.imports(in: base.appendingPathComponent(name), root: root)
          .filter { !$0.file.contains("/Fixtures/") }
        imports[name] = lines
        if isSource { sourceTargets.insert(name) }
      }
    }
    // System-library targets (module maps) import nothing from Swift; they are drawn as leaves.
    return violations(
      declared: declared, documented: ModuleGraphReader.documented(architecture: architecture), imports: imports,
      documentedTargets: sourceTargets, buildOnly: ModuleGraphReader.executables(packageSwift: manifest))
  }
}
