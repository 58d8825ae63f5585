import LoRANumerics
import Support
import Testing

@testable import LoRA

/// Shared builders for layer tests.
enum LayerFixtures {
  static func tensor(_ shape: [Int], key: String, seed: UInt64 = 1) throws -> Tensor {
    var g = SeededGenerator(seed: seed, key: key)
    return try Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in g.nextNormal() })
  }

  /// A Linear(6 -> 4) with bias and one adapter whose B is non-zero.
  static func linear(kind: LoraBaseKind = .linear, initMode: LoraInitMode = .noReinit) throws -> LoraLayer {
    let shape = kind == .linear ? [4, 6] : [6, 4]
    var layer = try LoraLayer(
      path: "lin0", kind: kind, weight: tensor(shape, key: "w"), bias: tensor([4], key: "b"))
    try layer.addAdapter(name: "default", r: 2, alpha: 4, initMode: initMode, seed: 3)
    return layer
  }
}

@Suite struct LayerForwardTests {
  @Test func unmergedForwardEqualsExplicitFormula() throws {
    let layer = try LayerFixtures.linear()
    let x = try LayerFixtures.tensor([3, 6], key: "x")
    let adapter = try #require(layer.adapter(named: "default"))
    #expect(adapter.scaling == 2)
    var expected = try x.matmul(transposing: layer.weight).addingRowVector(#require(layer.bias))
    try expected.addScaled(x.matmul(transposing: adapter.a).matmul(transposing: adapter.b), 2)
    let y = try layer.forward(x)
    #expect(Closeness.isClose(y, expected, atol: 1e-6, rtol: 1e-6))
    // The LoRA branch really contributes (B is non-zero with init False).
    let base = try x.matmul(transposing: layer.weight).addingRowVector(#require(layer.bias))
    #expect(!Closeness.isClose(y, base, atol: 1e-4, rtol: 0))
  }

  @Test func standardInitIsANoOp() throws {
    let layer = try LayerFixtures.linear(initMode: .standard)
    let x = try LayerFixtures.tensor([5, 6], key: "x")
    let base = try x.matmul(transposing: layer.weight).addingRowVector(#require(layer.bias))
    #expect(try layer.forward(x) == base)
  }

  @Test func conv1DUsesTransposedLayoutAndMatchesLinear() throws {
    let conv = try LayerFixtures.linear(kind: .conv1D)
    let adapter = try #require(conv.adapter(named: "default"))
    var linear = try LoraLayer(path: "lin0", kind: .linear, weight: conv.weight.transposed(), bias: conv.bias)
    try linear.insert(adapter)
    let x = try LayerFixtures.tensor([3, 6], key: "x")
    #expect(Closeness.isClose(try conv.forward(x), try linear.forward(x), atol: 1e-6, rtol: 1e-6))
    #expect(try conv.deltaWeight(of: "default") == linear.deltaWeight(of: "default").transposed())
  }

  @Test func severalActiveAdaptersAreSummedAndAbsentOnesSkipped() throws {
    var layer = try LayerFixtures.linear()
    try layer.addAdapter(name: "other", r: 3, alpha: 3, initMode: .noReinit, seed: 9)
    #expect(layer.activeAdapters == ["default"])
    let x = try LayerFixtures.tensor([2, 6], key: "x")
    let onlyDefault = try layer.forward(x)
    var otherOnly = layer
    try otherOnly.setActiveAdapters(["other"])
    try layer.setActiveAdapters(["default", "other"])
    let both = try layer.forward(x)
    var expected = onlyDefault
    try expected.addScaled(otherOnly.forward(x))
    try expected.subtract(x.matmul(transposing: layer.weight).addingRowVector(#require(layer.bias)))
    #expect(Closeness.isClose(both, expected, atol: 1e-5, rtol: 1e-5))
    #expect(throws: LoraLayerError.self) { try layer.setActiveAdapters(["missing"]) }
  }

  @Test func disabledAdaptersGiveBaseOutput() throws {
    var layer = try LayerFixtures.linear()
    let x = try LayerFixtures.tensor([2, 6], key: "x")
    let base = try x.matmul(transposing: layer.weight).addingRowVector(#require(layer.bias))
    layer.adaptersDisabled = true
    #expect(try layer.forward(x) == base)
    try layer.merge()
    #expect(Closeness.isClose(try layer.forward(x), base, atol: 1e-5, rtol: 1e-5))
  }

  @Test func embeddingForwardAddsScaledLookupOfA() throws {
    var layer = try LoraLayer(path: "emb", kind: .embedding, weight: LayerFixtures.tensor([10, 8], key: "e"))
    try layer.addAdapter(name: "default", r: 2, alpha: 2, initMode: .noReinit, seed: 1)
    let adapter = try #require(layer.adapter(named: "default"))
    let ids = [3, 0, 9, 3]
    let y = try layer.forward(.tokens(ids))
    var expected = try layer.weight.gatherRows(ids)
    try expected.addScaled(adapter.a.transposed().gatherRows(ids).matmul(transposing: adapter.b), 1)
    #expect(Closeness.isClose(y, expected, atol: 1e-6, rtol: 1e-6))
    #expect(throws: LoraLayerError.self) { try layer.forward(.tokens([10])) }
    #expect(throws: LoraLayerError.self) { try layer.forward(.features(Tensor(shape: [1, 10]))) }
  }

  @Test func wrongInputWidthThrowsNamingTheLayer() throws {
    let layer = try LayerFixtures.linear()
    #expect {
      try layer.forward(Tensor(shape: [2, 5]))
    } throws: { error in
      "\(error)".contains("layer 'lin0'") && "\(error)".contains("[2, 6]")
    }
  }

  @Test func dropoutIsSeededAndOnlyActiveInTraining() throws {
    var layer = try LoraLayer(path: "lin0", kind: .linear, weight: LayerFixtures.tensor([4, 6], key: "w"))
    try layer.addAdapter(name: "default", r: 2, alpha: 2, dropout: 0.5, initMode: .noReinit, seed: 3)
    let x = try LayerFixtures.tensor([8, 6], key: "x")
    let eval = try layer.forward(x)
    let t1 = try layer.forward(x, mode: .training(seed: 1, step: 0))
    let t1Again = try layer.forward(x, mode: .training(seed: 1, step: 0))
    let t2 = try layer.forward(x, mode: .training(seed: 1, step: 1))
    #expect(t1 == t1Again)
    #expect(t1 != eval)
    #expect(t1 != t2)
    // Dropout never touches the base path: with B = 0 training and eval agree.
    var zeroB = layer
    let a = try #require(layer.adapter(named: "default")).a
    try zeroB.setFactors(of: "default", a: a, b: Tensor(shape: [4, 2]))
    #expect(try zeroB.forward(x, mode: .training(seed: 1, step: 0)) == zeroB.forward(x))
  }
}
