import Foundation
import LoRAModels
import LoRAModules
import Testing

/// The catalog against what transformers 5.24 builds: every fixture's config gives the
/// same module names and classes, parameter names, shapes, requires_grad, tying and total.
@Suite struct TransformersFixtureTests {
  static let oracleFixtures = Fixtures.files(in: "transformers", withExtension: "json")
  static let variantFixtures = Fixtures.files(in: "catalog", withExtension: "json")

  @Test func fixturesArePresent() {
    #expect(Self.oracleFixtures.count >= 26)
    #expect(Self.variantFixtures.count >= 50)
  }

  @Test(arguments: oracleFixtures + variantFixtures)
  func catalogMatchesTransformers(fixture url: URL) throws {
    let fixture = try TreeFixture.load(url)
    let tree = try fixture.build()
    let differences = fixture.differences(from: tree)
    #expect(
      differences.isEmpty,
      Comment(rawValue: url.lastPathComponent + ":\n" + differences.prefix(8).joined(separator: "\n")))
  }
}
