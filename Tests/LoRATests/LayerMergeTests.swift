import LoRANumerics
import Testing

@testable import LoRA

@Suite struct LayerMergeTests {
  @Test func mergedEqualsUnmergedAndUnmergeRestoresWeight() throws {
    var layer = try LayerFixtures.linear()
    let x = try LayerFixtures.tensor([3, 6], key: "x")
    let unmerged = try layer.forward(x)
    let original = layer.weight
    let warnings = try layer.merge()
    #expect(warnings.isEmpty)
    #expect(layer.mergedAdapters == ["default"])
    #expect(layer.weight != original)
    // Stated tolerance: float32 re-association of B·A, 1e-5 absolute + 1e-5 relative.
    #expect(Closeness.isClose(try layer.forward(x), unmerged, atol: 1e-5, rtol: 1e-5))
    #expect(try layer.unmerge().isEmpty)
    #expect(Closeness.isClose(layer.weight, original, atol: 1e-6, rtol: 0))
    #expect(try layer.unmerge() == ["Already unmerged. Nothing to do."])
  }

  @Test func deltaIsScaledBTimesA() throws {
    let layer = try LayerFixtures.linear()
    let adapter = try #require(layer.adapter(named: "default"))
    let manual = try adapter.b.matmul(adapter.a).scaled(by: 2)
    #expect(try layer.deltaWeight(of: "default") == manual)
  }

  @Test func severalAdaptersMergeInOrderAndUnmergeInReverse() throws {
    var layer = try LayerFixtures.linear()
    try layer.addAdapter(name: "other", r: 3, alpha: 6, initMode: .noReinit, seed: 5)
    let original = layer.weight
    try layer.merge(adapterNames: ["other"])
    let warnings = try layer.merge(adapterNames: ["other", "default"])
    #expect(warnings == ["Already following adapters were merged other. You are now additionally merging default."])
    #expect(layer.mergedAdapters == ["other", "default"])
    #expect(try layer.merge(adapterNames: ["default"]) == ["All adapters are already merged, nothing to do."])
    var expected = original
    try expected.addScaled(layer.deltaWeight(of: "other"))
    try expected.addScaled(layer.deltaWeight(of: "default"))
    #expect(Closeness.isClose(layer.weight, expected, atol: 1e-6, rtol: 0))
    try layer.unmerge()
    #expect(Closeness.isClose(layer.weight, original, atol: 1e-5, rtol: 0))
    #expect(!layer.isMerged)
  }

  @Test func safeMergeRejectsNaNWithPeftMessageAndKeepsWeight() throws {
    var layer = try LayerFixtures.linear()
    let a = try #require(layer.adapter(named: "default")).a
    var b = try Tensor(shape: [4, 2])
    try b.setElement(.nan, at: [1, 1])
    try layer.setFactors(of: "default", a: a, b: b)
    let before = layer.weight
    #expect(throws: LoraLayerError.nanInMergedWeights(adapter: "default")) { try layer.merge(safeMerge: true) }
    #expect(
      LoraLayerError.nanInMergedWeights(adapter: "default").description
        == "NaNs detected in the merged weights. The adapter default seems to be broken")
    #expect(layer.weight == before)
    #expect(!layer.isMerged)
    // Without safe_merge PEFT merges the NaNs silently.
    try layer.merge()
    #expect(!layer.weight.isFinite)
  }

  @Test func mergeAndUnloadGivesPlainLayerWithSameOutput() throws {
    let layer = try LayerFixtures.linear(kind: .conv1D)
    let x = try LayerFixtures.tensor([3, 6], key: "x")
    let plain = try layer.mergeAndUnload()
    #expect(plain.adapters.isEmpty)
    #expect(!plain.isMerged)
    #expect(Closeness.isClose(try plain.forward(x), try layer.forward(x), atol: 1e-5, rtol: 1e-5))
    #expect(try layer.unload().weight == layer.weight)
  }

  @Test func embeddingMergeUsesTransposedProduct() throws {
    var layer = try LoraLayer(path: "emb", kind: .embedding, weight: LayerFixtures.tensor([10, 8], key: "e"))
    try layer.addAdapter(name: "default", r: 2, alpha: 2, initMode: .noReinit, seed: 1)
    let ids = [1, 4, 4, 9]
    let unmerged = try layer.forward(.tokens(ids))
    #expect(try layer.deltaWeight(of: "default").shape == [10, 8])
    try layer.merge()
    #expect(Closeness.isClose(try layer.forward(.tokens(ids)), unmerged, atol: 1e-5, rtol: 1e-5))
  }

  @Test func deleteIsRefusedWhileMerged() throws {
    var layer = try LayerFixtures.linear()
    try layer.merge()
    #expect(throws: LoraLayerError.self) { try layer.deleteAdapter("default") }
    try layer.unmerge()
    try layer.deleteAdapter("default")
    #expect(layer.adapters.isEmpty && layer.activeAdapters.isEmpty)
  }
}
