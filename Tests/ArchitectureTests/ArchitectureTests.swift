import Foundation
import TestSupport
import Testing

@Suite("The module graph")
struct ArchitectureTests {
  @Test("Package.swift, ARCHITECTURE.md and the imports of every Swift file agree")
  func theRepositorysGraphIsTrue() throws {
    let problems = try ArchitectureCheck.violations(packageAt: RepositoryPaths.root)
    #expect(problems == [], "\(problems.joined(separator: "\n"))")
  }

  @Test("A file importing a module its target does not list is named with its line")
  func forbiddenImportFails() throws {
    let fixture = RepositoryPaths.file("Tests/ArchitectureTests/Fixtures/forbidden-import")
    let problems = try ArchitectureCheck.violations(packageAt: fixture)
    #expect(
      problems.contains("Sources/Alpha/Alpha.swift:2: imports Gamma, which target Alpha does not list in Package.swift")
    )
  }

  @Test("An edge in Package.swift that the drawing lacks, and one drawn but not declared, are both named")
  func undocumentedEdgesFail() throws {
    let fixture = RepositoryPaths.file("Tests/ArchitectureTests/Fixtures/forbidden-import")
    let problems = try ArchitectureCheck.violations(packageAt: fixture)
    #expect(problems.contains("Package.swift: edge Beta -> Gamma is not in ARCHITECTURE.md's module graph"))
    #expect(problems.contains("ARCHITECTURE.md: edge Gamma -> Beta is not in Package.swift"))
  }

  @Test("A dependency no file imports is named")
  func unusedDependencyFails() {
    let problems = ArchitectureCheck.violations(
      declared: ["A": ["B"], "B": []], documented: ["A": ["B"], "B": []],
      imports: ["A": [ImportLine(file: "Sources/A/A.swift", line: 1, module: "Foundation")], "B": []],
      documentedTargets: ["A", "B"])
    #expect(problems == ["Package.swift: target A lists B but no file of it imports it"])
  }

  @Test("Package.swift's dependency lists are read with product names and without other strings")
  func manifestParsing() {
    let manifest = """
      .target(name: "A", dependencies: ["B", .product(name: "Yams", package: "Yams")], exclude: ["x"]),
      .target(name: "B", swiftSettings: strict),
      .testTarget(name: "ATests", dependencies: ["A"], resources: [.copy("Fixtures")]),
      """
    #expect(
      ModuleGraphReader.declared(packageSwift: manifest) == ["A": ["B", "Yams"], "B": [], "ATests": ["A"]])
  }
}
