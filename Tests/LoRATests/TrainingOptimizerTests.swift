import LoRANumerics
import Testing

@testable import LoRA

@Suite struct TrainingOptimizerTests {
  @Test func sgdWithMomentumFollowsTorchRecurrence() throws {
    var sgd = SGD(learningRate: 0.1, momentum: 0.9)
    var p = ["w": Tensor(vector: [1])]
    let g = ["w": Tensor(vector: [1])]
    try sgd.step(parameters: &p, gradients: g)  // buf = 1, w = 0.9
    try sgd.step(parameters: &p, gradients: g)  // buf = 1.9, w = 0.71
    #expect(abs((p["w"]?.scalars[0] ?? 0) - 0.71) < 1e-6)
  }

  @Test func adamWFirstStepMovesByLearningRateAndDecays() throws {
    // Step 1: m̂ = g, v̂ = g², update = lr·g/(|g| + eps) ≈ lr·sign(g); decay w·(1 − lr·wd).
    var adam = AdamW(learningRate: 0.1, weightDecay: 0.01)
    var p = ["w": Tensor(vector: [2, -3])]
    try adam.step(parameters: &p, gradients: ["w": Tensor(vector: [0.5, -4])])
    let w = try #require(p["w"]).scalars
    #expect(abs(w[0] - (2 * 0.999 - 0.1)) < 1e-5)
    #expect(abs(w[1] - (-3 * 0.999 + 0.1)) < 1e-5)
  }

  @Test func lossGradientsMatchDefinitions() throws {
    let out = try Tensor(shape: [1, 3], scalars: [1, 2, 3])
    let (ce, g) = try LossFunction.crossEntropy.evaluate(output: out, target: .classes([2]))
    // log(e + e² + e³) − 3 = 0.40760596
    #expect(abs(ce - 0.407_606) < 1e-5)
    #expect(abs(g.scalars.reduce(0, +)) < 1e-6)
    let (mse, mg) = try LossFunction.meanSquaredError.evaluate(output: out, target: .values(Tensor(shape: [1, 3])))
    #expect(abs(mse - 14.0 / 3) < 1e-5)
    #expect(mg.scalars == [2.0 / 3, 4.0 / 3, 2])
    #expect(throws: ModelError.self) { try LossFunction.crossEntropy.evaluate(output: out, target: .classes([3])) }
  }
}
