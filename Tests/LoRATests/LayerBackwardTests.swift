import LoRANumerics
import Testing

@testable import LoRA

/// Gradients checked against central finite differences of `L = Σ y ⊙ g` (Double-free: a
/// relative tolerance of 2e-2 covers float32 differencing noise at eps 1e-2).
@Suite struct LayerBackwardTests {
  static func loss(_ layer: LoraLayer, _ input: LayerInput, _ g: Tensor, mode: ForwardMode) throws -> Float {
    let y = try layer.forward(input, mode: mode)
    return zip(y.scalars, g.scalars).reduce(0) { $0 + $1.0 * $1.1 }
  }

  static func numericGradient(
    of tensor: Tensor, _ f: (Tensor) throws -> Float
  ) throws -> Tensor {
    var grad = [Float](repeating: 0, count: tensor.count)
    let eps: Float = 1e-2
    for i in 0..<tensor.count {
      var plus = tensor.scalars
      var minus = tensor.scalars
      plus[i] += eps
      minus[i] -= eps
      grad[i] =
        (try f(Tensor(shape: tensor.shape, scalars: plus)) - f(Tensor(shape: tensor.shape, scalars: minus))) / (2 * eps)
    }
    return try Tensor(shape: tensor.shape, scalars: grad)
  }

  @Test(arguments: [LoraBaseKind.linear, .conv1D])
  func gradientsMatchFiniteDifferences(kind: LoraBaseKind) throws {
    var layer = try LayerFixtures.linear(kind: kind)
    try layer.addAdapter(name: "second", r: 1, alpha: 1, dropout: 0.3, initMode: .noReinit, seed: 4)
    try layer.setActiveAdapters(["default", "second"])
    let x = try LayerFixtures.tensor([3, 6], key: "x")
    let g = try LayerFixtures.tensor([3, 4], key: "g")
    let mode = ForwardMode.training(seed: 5, step: 2)
    let (_, cache) = try layer.forwardWithCache(.features(x), mode: mode)
    let grads = try layer.backward(outputGradient: g, cache: cache)

    let dx = try Self.numericGradient(of: x) { try Self.loss(layer, .features($0), g, mode: mode) }
    #expect(Closeness.compare(try #require(grads.input), dx, atol: 1e-2, rtol: 2e-2).isClose)
    for name in ["default", "second"] {
      let adapter = try #require(layer.adapter(named: name))
      let (ga, gb) = try #require(grads.adapters[name])
      let da = try Self.numericGradient(of: adapter.a) { a in
        var l = layer
        try l.setFactors(of: name, a: a, b: adapter.b)
        return try Self.loss(l, .features(x), g, mode: mode)
      }
      let db = try Self.numericGradient(of: adapter.b) { b in
        var l = layer
        try l.setFactors(of: name, a: adapter.a, b: b)
        return try Self.loss(l, .features(x), g, mode: mode)
      }
      #expect(Closeness.compare(ga, da, atol: 1e-2, rtol: 2e-2).isClose, "\(name) dA")
      #expect(Closeness.compare(gb, db, atol: 1e-2, rtol: 2e-2).isClose, "\(name) dB")
    }
  }

  @Test func embeddingGradientsScatterIntoA() throws {
    var layer = try LoraLayer(path: "emb", kind: .embedding, weight: LayerFixtures.tensor([5, 3], key: "e"))
    try layer.addAdapter(name: "default", r: 2, alpha: 4, initMode: .noReinit, seed: 1)
    let ids = [1, 4, 1]
    let g = try LayerFixtures.tensor([3, 3], key: "g")
    let (_, cache) = try layer.forwardWithCache(.tokens(ids))
    let grads = try layer.backward(outputGradient: g, cache: cache)
    #expect(grads.input == nil)
    let adapter = try #require(layer.adapter(named: "default"))
    let da = try Self.numericGradient(of: adapter.a) { a in
      var l = layer
      try l.setFactors(of: "default", a: a, b: adapter.b)
      return try Self.loss(l, .tokens(ids), g, mode: .evaluation)
    }
    let (ga, _) = try #require(grads.adapters["default"])
    #expect(Closeness.compare(ga, da, atol: 1e-2, rtol: 2e-2).isClose)
    // Unused ids (0, 2, 3) get zero gradient.
    #expect(try ga.element(at: [0, 0]) == 0 && ga.element(at: [1, 3]) == 0)
  }

  @Test func zeroBGivesZeroGradientForA() throws {
    let layer = try LayerFixtures.linear(initMode: .standard)
    let x = try LayerFixtures.tensor([3, 6], key: "x")
    let (_, cache) = try layer.forwardWithCache(.features(x))
    let grads = try layer.backward(outputGradient: LayerFixtures.tensor([3, 4], key: "g"), cache: cache)
    let (ga, gb) = try #require(grads.adapters["default"])
    #expect(ga.scalars.allSatisfy { $0 == 0 })
    #expect(gb.scalars.contains { $0 != 0 })
  }

  @Test func backwardRejectsWrongGradientShape() throws {
    let layer = try LayerFixtures.linear()
    let (_, cache) = try layer.forwardWithCache(.features(LayerFixtures.tensor([3, 6], key: "x")))
    #expect(throws: LoraLayerError.self) { try layer.backward(outputGradient: Tensor(shape: [3, 5]), cache: cache) }
  }
}
