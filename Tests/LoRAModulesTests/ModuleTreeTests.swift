import LoRAModules
import Testing

@Suite struct ModuleTreeTests {
  func tiedLlamaLike() -> ModuleTree {
    ModuleTree(
      rootTypeName: "Toy",
      modules: [
        Module(
          path: "embed", typeName: "Embedding", kind: .embedding(numEmbeddings: 10, embeddingDim: 4),
          parameters: [Parameter(name: "weight", shape: [10, 4])]),
        Module(
          path: "proj", typeName: "Linear", kind: .linear(inFeatures: 4, outFeatures: 4, bias: true),
          parameters: [Parameter(name: "weight", shape: [4, 4]), Parameter(name: "bias", shape: [4])]),
        Module(
          path: "head", typeName: "Linear", kind: .linear(inFeatures: 4, outFeatures: 10, bias: false),
          parameters: [Parameter(name: "weight", shape: [10, 4], tiedTo: "embed.weight")]),
      ])
  }

  @Test func tiedParametersAreCountedOnce() {
    let counts = tiedLlamaLike().parameterCounts
    #expect(counts.all == 40 + 16 + 4)
    #expect(tiedLlamaLike().namedParameters.map(\.fullName) == ["embed.weight", "proj.weight", "proj.bias"])
  }

  @Test func freezingAnOwnerFreezesItsTiedAlias() {
    var tree = tiedLlamaLike()
    tree.setRequiresGrad(false) { $0 == "embed" }
    #expect(tree["head"]?.parameters.first?.requiresGrad == false)
    #expect(tree.parameterCounts.trainable == 20)
  }

  @Test func upsertKeepsPreOrder() {
    var tree = tiedLlamaLike()
    tree.upsert(Module(path: "proj.lora_A", typeName: "ModuleDict", kind: .container))
    #expect(tree.modules.map(\.path) == ["", "embed", "proj", "proj.lora_A", "head"])
  }
}
