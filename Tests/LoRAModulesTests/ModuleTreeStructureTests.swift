import LoRAModules
import Testing

@Suite struct ModuleTreeStructureTests {
  func sample() -> ModuleTree {
    ModuleTree(
      rootTypeName: "Net",
      modules: [
        Module(path: "a", typeName: "Block", kind: .container),
        Module(
          path: "a.q", typeName: "Linear", kind: .linear(inFeatures: 2, outFeatures: 3, bias: true),
          parameters: [Parameter(name: "weight", shape: [3, 2]), Parameter(name: "bias", shape: [3])]),
        Module(path: "ab", typeName: "Scale", kind: .container, parameters: [Parameter(name: "s", shape: [])]),
        Module(path: "a", typeName: "Duplicate", kind: .other),
      ])
  }

  @Test func aMissingRootIsAddedAndDuplicatePathsKeepTheFirst() {
    let tree = sample()
    #expect(tree.modules.map(\.path) == ["", "a", "a.q", "ab"])
    #expect(tree[""]?.typeName == "Net")
    #expect(tree["a"]?.typeName == "Block")
  }

  @Test func namesAndPathsFollowPyTorchDottedKeys() {
    let tree = sample()
    #expect(ModuleTree.parentPath(of: "a.q") == "a")
    #expect(ModuleTree.parentPath(of: "a") == "")
    #expect(tree["a.q"]?.name == "q")
    #expect(tree[""]?.name == "")
    if let q = tree["a.q"], let w = q.parameters.first { #expect(q.fullName(of: w) == "a.q.weight") }
    #expect(tree.namedParameters.map(\.fullName) == ["a.q.weight", "a.q.bias", "ab.s"])
    #expect(tree.namedParameters.map(\.modulePath) == ["a.q", "a.q", "ab"])
  }

  @Test func scalarsCountOneElement() {
    #expect(Parameter(name: "s", shape: []).elementCount == 1)
    #expect(sample().parameterCounts.all == 6 + 3 + 1)
  }

  @Test func subtreeAndRemoveRespectDotBoundaries() {
    var tree = sample()
    #expect(tree.subtree("a").map(\.path) == ["a", "a.q"])
    #expect(tree.subtree("").count == 4)
    tree.remove(subtree: "a")
    #expect(tree.modules.map(\.path) == ["", "ab"])
    #expect(!tree.contains("a.q"))
    #expect(tree.contains("ab"))
  }

  @Test func setRequiresGradSelectsByPathOnly() {
    var tree = sample()
    tree.setRequiresGrad(false) { $0 == "a.q" }
    #expect(tree.parameterCounts.trainable == 1)
    tree.setRequiresGrad(true) { _ in true }
    #expect(tree.parameterCounts.trainable == 10)
  }

  @Test func linearLikeKindsAreLinearAndConv1D() {
    #expect(ModuleKind.linear(inFeatures: 1, outFeatures: 1, bias: false).isLinearLike)
    #expect(ModuleKind.transformersConv1D(inFeatures: 1, outFeatures: 1).isLinearLike)
    #expect(!ModuleKind.embedding(numEmbeddings: 1, embeddingDim: 1).isLinearLike)
    #expect(
      !ModuleKind.conv(dimensions: 1, inChannels: 1, outChannels: 1, kernelSize: [1], groups: 1, bias: true)
        .isLinearLike)
  }
}
