import LoRANumerics
import Testing

@testable import LoRA

/// Shapes large enough for the accelerated kernels (fused LoRA forward, GEMMs).
@Suite struct LayerKernelPathTests {
  static func layer(initMode: LoraInitMode) throws -> LoraLayer {
    var layer = try LoraLayer(
      path: "proj", kind: .linear, weight: LayerFixtures.tensor([48, 64], key: "w"),
      bias: LayerFixtures.tensor([48], key: "b"))
    try layer.addAdapter(name: "default", r: 4, alpha: 8, initMode: initMode, seed: 2)
    return layer
  }

  @Test func fusedForwardMatchesUnfusedFormula() throws {
    let layer = try Self.layer(initMode: .noReinit)
    let adapter = try #require(layer.adapter(named: "default"))
    let x = try LayerFixtures.tensor([16, 64], key: "x")
    let fused = try layer.forward(x)
    var expected = try x.matmul(transposing: layer.weight, bias: layer.bias)
    try expected.addScaled(x.matmul(transposing: adapter.a).matmul(transposing: adapter.b), adapter.scaling)
    // Stated tolerance: float32 with a different summation order over k = 64.
    let report = Closeness.compare(fused, expected, atol: 1e-4, rtol: 1e-4)
    #expect(report.isClose, "\(report)")
    // And the cached (training) path agrees with the fused one.
    let (cached, _) = try layer.forwardWithCache(.features(x))
    #expect(Closeness.isClose(cached, fused, atol: 1e-4, rtol: 1e-4))
  }

  @Test func zeroBLeavesTheBaseOutputExactly() throws {
    let layer = try Self.layer(initMode: .standard)
    let x = try LayerFixtures.tensor([16, 64], key: "x")
    #expect(try layer.forward(x) == x.matmul(transposing: layer.weight, bias: layer.bias))
  }

  @Test func mergeMatchesUnmergedOnLargeShapes() throws {
    var layer = try Self.layer(initMode: .noReinit)
    let x = try LayerFixtures.tensor([16, 64], key: "x")
    let unmerged = try layer.forward(x)
    let w = layer.weight
    try layer.merge()
    #expect(Closeness.compare(try layer.forward(x), unmerged, atol: 1e-4, rtol: 1e-4).isClose)
    try layer.unmerge()
    #expect(Closeness.isClose(layer.weight, w, atol: 1e-6, rtol: 0))
  }

  @Test func transposedMatmulMatchesExplicitTranspose() throws {
    let a = try LayerFixtures.tensor([33, 17], key: "a")
    let b = try LayerFixtures.tensor([33, 9], key: "b")
    let viaKernel = try a.transposedMatmul(b)
    let viaTranspose = try a.transposed().matmul(transposing: b.transposed())
    #expect(Closeness.isClose(viaKernel, viaTranspose, atol: 1e-4, rtol: 1e-4))
  }
}
