import LoRAModules
import Testing

@testable import LoRA

@Suite struct FrozenModulesTests {
  static func linear(_ path: String) -> Module {
    Module(
      path: path, typeName: "Linear", kind: .linear(inFeatures: 4, outFeatures: 4, bias: false),
      parameters: [Parameter(name: "weight", shape: [4, 4])])
  }

  /// vision (frozen tower: q, attn with its own parameter and a child), text (trainable).
  static func model() throws -> PeftModel {
    var tree = ModuleTree(
      rootTypeName: "Model",
      modules: [
        Module(path: "vision", typeName: "Tower", kind: .container), linear("vision.q"),
        Module(
          path: "vision.attn", typeName: "Attention", kind: .container,
          parameters: [Parameter(name: "scale", shape: [4])]),
        linear("vision.attn.out"),
        Module(path: "vision.act", typeName: "GELU", kind: .container),
        Module(path: "text", typeName: "Tower", kind: .container), linear("text.q"),
      ])
    tree.setRequiresGrad(false) { $0 == "vision" || $0.hasPrefix("vision.") }
    var config = LoraConfig()
    config.targetModules = .list(["q"])
    config.r = 2
    return try PeftModel(model: tree, config: config, info: .plainModule)
  }

  @Test func leavesAndContainersWithOwnParametersAreFrozenNamespacesAndParameterlessModulesAreNot() throws {
    let frozen = FrozenModules(try Self.model().base)
    #expect(frozen.paths == ["vision.q", "vision.attn", "vision.attn.out"])
  }

  @Test func aTrainableChildUnfreezesAContainerWithOwnParameters() throws {
    var tree = try Self.model().base
    tree.setRequiresGrad(true) { $0 == "vision.attn.out" }
    #expect(FrozenModules(tree).paths == ["vision.q"])
  }

  @Test func theTreeOutputTheSiteOverviewAndAdaptedFrozenAgree() throws {
    let model = try Self.model()
    let treeMarked = PlanReport(model: model).tree().split(separator: "\n").compactMap { line -> String? in
      line.contains("frozen")
        ? line.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) : nil
    }
    let overviewFrozen = model.moduleOverview.filter(\.frozen).map {
      $0.path.split(separator: ".").last.map(String.init) ?? ""
    }
    #expect(treeMarked == ["q", "attn", "out"])
    #expect(overviewFrozen == treeMarked)
    #expect(model.moduleOverview.first { $0.path == "vision" }?.frozen == false)
    #expect(model.adaptedFrozen == ["vision.q"])
  }

  @Test func theOverviewCountsAnAdaptedLayerWithItsLoRAWeights() throws {
    let q = try #require(try Self.model().moduleOverview.first { $0.path == "text.q" })
    #expect(q.adapted)
    #expect(q.totalParameters == 16 + 2 * 4 + 4 * 2)
    #expect(q.trainableParameters == 2 * 4 + 4 * 2)
  }
}
