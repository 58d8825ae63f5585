import LoRANumerics
import Testing

@testable import LoRA

@Suite struct LayerDoraTests {
  static func layer(kind: LoraBaseKind = .linear) throws -> LoraLayer {
    var layer = try LoraLayer(
      path: "lin0", kind: kind, weight: LayerFixtures.tensor(kind == .linear ? [4, 6] : [6, 4], key: "w"),
      bias: LayerFixtures.tensor([4], key: "b"))
    try layer.addAdapter(name: "default", r: 2, alpha: 4, initMode: .noReinit, useDora: true, seed: 3)
    return layer
  }

  @Test func magnitudeStartsAtTheNormSoDoraEqualsLoraAtInit() throws {
    let dora = try Self.layer()
    let adapter = try #require(dora.adapter(named: "default"))
    #expect(adapter.magnitude?.shape == [4])
    var plain = dora
    try plain.setMagnitude(of: "default", nil)
    let x = try LayerFixtures.tensor([3, 6], key: "x")
    #expect(Closeness.isClose(try dora.forward(x), try plain.forward(x), atol: 1e-5, rtol: 1e-5))
  }

  @Test(arguments: [LoraBaseKind.linear, .conv1D])
  func mergeMatchesForwardAndUnmergeRestores(kind: LoraBaseKind) throws {
    var layer = try Self.layer(kind: kind)
    let m = try #require(layer.adapter(named: "default")?.magnitude)
    try layer.setMagnitude(of: "default", m.map { $0 * 1.3 })
    try layer.addAdapter(name: "second", r: 1, alpha: 2, initMode: .noReinit, useDora: true, seed: 9)
    try layer.setActiveAdapters(["default", "second"])
    let x = try LayerFixtures.tensor([3, 6], key: "x")
    let w = layer.weight
    try layer.merge(adapterNames: ["default"])
    var single = layer
    try single.unmerge()
    try single.setActiveAdapters(["default"])
    #expect(Closeness.isClose(try layer.forward(x), try single.forward(x), atol: 1e-5, rtol: 1e-5))
    try layer.merge(adapterNames: ["second"])
    try layer.unmerge()
    #expect(Closeness.isClose(layer.weight, w, atol: 1e-5, rtol: 0))
  }

  @Test func backwardThroughDoraIsRefused() throws {
    let layer = try Self.layer()
    let x = try LayerFixtures.tensor([2, 6], key: "x")
    let (_, cache) = try layer.forwardWithCache(.features(x))
    #expect(throws: LoraLayerError.self) {
      try layer.backward(outputGradient: Tensor(shape: [2, 4]), cache: cache)
    }
  }

  @Test func doraOnEmbeddingIsRefusedBeforeAnythingIsAdded() throws {
    var layer = try LoraLayer(path: "emb", kind: .embedding, weight: LayerFixtures.tensor([5, 3], key: "e"))
    #expect(throws: LoraLayerError.self) { try layer.addAdapter(name: "default", r: 1, alpha: 1, useDora: true) }
    #expect(layer.adapters.isEmpty)
  }
}
