import Testing

@testable import LoRAModules

@Suite struct LayerKindTests {
  @Test func eachKindHoldsThePyTorchParameters() {
    #expect(
      ModuleKind.linear(inFeatures: 3, outFeatures: 5, bias: true).parameters.map(\.shape) == [[5, 3], [5]])
    #expect(ModuleKind.embedding(numEmbeddings: 7, embeddingDim: 2).parameters.map(\.shape) == [[7, 2]])
    #expect(
      ModuleKind.conv(dimensions: 2, inChannels: 4, outChannels: 6, kernelSize: [3, 3], groups: 2, bias: false)
        .parameters.map(\.shape) == [[6, 2, 3, 3]])
    #expect(ModuleKind.transformersConv1D(inFeatures: 3, outFeatures: 5).parameters.map(\.shape) == [[3, 5], [5]])
    #expect(ModuleKind.norm(normalizedShape: 4, rms: true, bias: false).parameters.map(\.name) == ["weight"])
    #expect(
      ModuleKind.multiheadAttention(embedDim: 4, numHeads: 2, bias: true).parameters.map(\.name) == [
        "in_proj_weight", "in_proj_bias",
      ])
    #expect(ModuleKind.container.parameters.isEmpty)
  }

  @Test func hugeShapesCountWithoutTrapping() {
    let hostile = Parameter(name: "weight", shape: [4_294_967_296, 4_294_967_296])
    #expect(hostile.checkedElementCount == nil)
    #expect(hostile.elementCount == Int.max)
    #expect(Parameter(name: "w", shape: [2, 3]).checkedElementCount == 6)
  }
}
