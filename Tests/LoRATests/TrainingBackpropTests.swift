import LoRANumerics
import Testing

@testable import LoRA

/// End-to-end gradients through every module kind, checked by central differences.
@Suite struct TrainingBackpropTests {
  @Test(arguments: [LossFunction.meanSquaredError, .crossEntropy])
  func modelGradientsMatchFiniteDifferences(loss: LossFunction) throws {
    var model = try SequentialModel(
      modules: [
        .linear(inFeatures: 5, outFeatures: 6), .silu, .linear(inFeatures: 6, outFeatures: 6), .layerNorm(dim: 6),
        .gelu, .linear(inFeatures: 6, outFeatures: 6), .tanh, .linear(inFeatures: 6, outFeatures: 4), .relu,
      ], seed: 3)
    try model.injectAdapter(
      targets: ["0", "2", "5"], settings: LoraSettings(r: 2, alpha: 2, initMode: .noReinit), seed: 1)
    let task = try SyntheticTask.make(for: model, batchSize: 3, loss: loss, seed: 4)
    let (out, caches) = try model.forwardWithCaches(task.input, mode: .evaluation)
    let (_, dOut) = try loss.evaluate(output: out, target: task.target)
    let grads = try model.backward(outputGradient: dOut, caches: caches)
    #expect(Set(grads.keys) == Set(model.trainableParameters.keys))
    for (name, value) in model.trainableParameters {
      let analytic = try #require(grads[name])
      var numeric = [Float](repeating: 0, count: value.count)
      let eps: Float = 1e-2
      for i in 0..<value.count {
        func lossAt(_ delta: Float) throws -> Float {
          var m = model
          var s = value.scalars
          s[i] += delta
          try m.setAdapterFactors([name: Tensor(shape: value.shape, scalars: s)])
          return try loss.evaluate(output: m.forward(task.input), target: task.target).loss
        }
        numeric[i] = (try lossAt(eps) - lossAt(-eps)) / (2 * eps)
      }
      let report = Closeness.compare(analytic, try Tensor(shape: value.shape, scalars: numeric), atol: 2e-3, rtol: 5e-2)
      #expect(report.isClose, "\(name): \(report)")
    }
  }
}
