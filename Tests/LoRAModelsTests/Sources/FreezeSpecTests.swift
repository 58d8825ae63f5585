import LoRAModels
import LoRAModules
import Testing

@Suite struct FreezeSpecTests {
  @Test func aPrefixFreezesTheModuleAndItsDescendantsOnly() throws {
    let tree = try ModelCatalog.build("llava")
    let frozen = try FreezeSpec(prefixes: ["model.vision_tower"]).apply(to: tree)
    for module in frozen.modules {
      let inTower = module.path == "model.vision_tower" || module.path.hasPrefix("model.vision_tower.")
      for p in module.parameters { #expect(p.requiresGrad == !inTower, "\(module.path).\(p.name)") }
    }
    let towerParams = tree.subtree("model.vision_tower").flatMap(\.parameters).map(\.elementCount).reduce(0, +)
    #expect(frozen.parameterCounts.trainable == tree.parameterCounts.all - towerParams)
  }

  @Test func aPrefixDoesNotFreezeSiblingsSharingItsSpelling() throws {
    let tree = try ModelCatalog.build("llama", overrides: ["num_hidden_layers": .int(12)])
    let frozen = try FreezeSpec(prefixes: ["model.layers.1"]).apply(to: tree)
    #expect(frozen["model.layers.1.mlp.up_proj"]?.parameters.first?.requiresGrad == false)
    #expect(frozen["model.layers.10.mlp.up_proj"]?.parameters.first?.requiresGrad == true)
  }

  @Test func regexEntriesMatchWholePaths() throws {
    let tree = try ModelCatalog.build("llama")
    let spec = FreezeSpec(entries: ["regex:model\\.layers\\.\\d+\\.mlp"])
    #expect(spec.patterns == ["model\\.layers\\.\\d+\\.mlp"])
    #expect(try spec.selectedModules(in: tree) == ["model.layers.0.mlp", "model.layers.1.mlp"])
    let frozen = try spec.apply(to: tree)
    #expect(frozen["model.layers.0.mlp.down_proj"]?.parameters.first?.requiresGrad == false)
    #expect(frozen["model.layers.0.self_attn.q_proj"]?.parameters.first?.requiresGrad == true)
  }

  @Test func freezingTheEmbeddingFreezesTheTiedHead() throws {
    let tree = try ModelCatalog.build("gpt2")
    let frozen = try FreezeSpec(prefixes: ["transformer.wte"]).apply(to: tree)
    #expect(frozen["lm_head"]?.parameters.first?.requiresGrad == false)
  }

  @Test func theRootFreezesEverything() throws {
    let frozen = try FreezeSpec(prefixes: [""]).apply(to: try ModelCatalog.build("bert"))
    #expect(frozen.parameterCounts.trainable == 0)
  }

  @Test func unknownPrefixesAndBadPatternsAreErrors() throws {
    let tree = try ModelCatalog.build("llava")
    #expect {
      _ = try FreezeSpec(prefixes: ["model.vision_towr"]).apply(to: tree, source: "plan --freeze")
    } throws: { error in
      "\(error)" == "plan --freeze: no module named 'model.vision_towr'; did you mean 'model.vision_tower'?"
    }
    #expect(throws: ModelSourceError.self) { _ = try FreezeSpec(patterns: ["(unclosed"]).apply(to: tree) }
    #expect(throws: ModelSourceError.self) { _ = try FreezeSpec(patterns: ["mlp"]).apply(to: tree) }
  }
}
