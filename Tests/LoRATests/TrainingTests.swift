import LoRANumerics
import Testing

@testable import LoRA

@Suite struct TrainingTests {
  static let mlp: [SequentialModule] = [
    .linear(inFeatures: 6, outFeatures: 8), .relu, .linear(inFeatures: 8, outFeatures: 8), .layerNorm(dim: 8),
    .gelu, .dropout(p: 0.1), .linear(inFeatures: 8, outFeatures: 3),
  ]

  @Test func injectionLeavesOutputUnchanged() throws {
    var model = try SequentialModel(modules: Self.mlp, seed: 1)
    let task = try SyntheticTask.make(for: model, batchSize: 4, loss: .meanSquaredError, seed: 2)
    let before = try model.forward(task.input)
    let adapted = try model.injectAdapter(targets: ["0", "2", "6"], settings: LoraSettings(r: 2, alpha: 4))
    #expect(adapted == ["0", "2", "6"])
    #expect(try model.forward(task.input) == before)
  }

  @Test func firstStepWithZeroBMovesOnlyB() throws {
    var model = try SequentialModel(modules: Self.mlp, seed: 1)
    try model.injectAdapter(targets: ["0", "6"], settings: LoraSettings(r: 2, alpha: 4))
    let task = try SyntheticTask.make(for: model, batchSize: 4, loss: .meanSquaredError, seed: 2)
    var sgd = SGD(learningRate: 0.1)
    let report = try Trainer.train(&model, task: task, steps: 1, optimizer: &sgd)
    #expect(report.changedParameters == ["0.lora_B.default.weight", "6.lora_B.default.weight"])
    #expect(report.unchangedParameters.contains("0.lora_A.default.weight"))
    #expect(report.unchangedParameters.contains("0.base_layer.weight"))
    #expect(report.unchangedParameters.contains("3.weight"))
  }

  @Test func severalStepsMoveOnlyLoraFactorsAndReduceLoss() throws {
    var model = try SequentialModel(modules: Self.mlp, seed: 1)
    try model.injectAdapter(targets: ["0", "2", "6"], settings: LoraSettings(r: 4, alpha: 8, dropout: 0.05))
    let task = try SyntheticTask.make(for: model, batchSize: 16, loss: .meanSquaredError, seed: 3)
    var adam = AdamW(learningRate: 1e-2)
    let report = try Trainer.train(&model, task: task, steps: 30, optimizer: &adam, seed: 7)
    let loraNames = report.changes.map(\.name).filter { $0.contains("lora_") }
    #expect(Set(report.changedParameters) == Set(loraNames))
    #expect(report.changes.allSatisfy { $0.changed == $0.requiresGrad })
    let first = try #require(report.losses.first)
    #expect(report.finalLoss < first * 0.9)
  }

  @Test func trainingIsReproducible() throws {
    func run() throws -> TrainingReport {
      var model = try SequentialModel(modules: Self.mlp, seed: 1)
      try model.injectAdapter(targets: ["2"], settings: LoraSettings(r: 2, alpha: 2, dropout: 0.2))
      let task = try SyntheticTask.make(for: model, batchSize: 8, loss: .meanSquaredError, seed: 3)
      var adam = AdamW()
      return try Trainer.train(&model, task: task, steps: 5, optimizer: &adam, seed: 11)
    }
    #expect(try run() == run())
  }

  @Test func embeddingClassifierTrainsWithCrossEntropy() throws {
    var model = try SequentialModel(
      modules: [.embedding(numEmbeddings: 12, embeddingDim: 6), .tanh, .linear(inFeatures: 6, outFeatures: 4), .silu],
      seed: 4)
    try model.injectAdapter(targets: ["0", "2"], settings: LoraSettings(r: 2, alpha: 4))
    let names = model.namedParameters.map(\.name)
    #expect(
      names == [
        "0.base_layer.weight", "0.lora_embedding_A.default", "0.lora_embedding_B.default", "2.base_layer.weight",
        "2.base_layer.bias", "2.lora_A.default.weight", "2.lora_B.default.weight",
      ])
    let task = try SyntheticTask.make(for: model, batchSize: 10, loss: .crossEntropy, seed: 5)
    var sgd = SGD(learningRate: 0.5, momentum: 0.9)
    let report = try Trainer.train(&model, task: task, steps: 20, optimizer: &sgd)
    #expect(report.finalLoss < (report.losses.first ?? 0))
    #expect(Set(report.changedParameters) == Set(names.filter { $0.contains("lora") }))
  }

  @Test func mergedModelMatchesUnmergedAndUnmergeRestores() throws {
    var model = try SequentialModel(modules: Self.mlp, seed: 1)
    try model.injectAdapter(targets: ["0", "2", "6"], settings: LoraSettings(r: 2, alpha: 4, initMode: .noReinit))
    let task = try SyntheticTask.make(for: model, batchSize: 4, loss: .meanSquaredError, seed: 2)
    let unmerged = try model.forward(task.input)
    let weights = model.namedParameters
    try model.mergeAdapters()
    // Stated tolerance: 1e-5 absolute + 1e-4 relative (float32 re-association through three layers).
    #expect(Closeness.compare(try model.forward(task.input), unmerged, atol: 1e-5, rtol: 1e-4).isClose)
    let unloaded = try model.mergeAndUnload()
    #expect(!unloaded.hasAdapters)
    #expect(Closeness.isClose(try unloaded.forward(task.input), unmerged, atol: 1e-5, rtol: 1e-4))
    try model.unmergeAdapters()
    for (a, b) in zip(model.namedParameters, weights) {
      #expect(a.name == b.name)
      #expect(Closeness.isClose(a.value, b.value, atol: 1e-6, rtol: 0), "\(a.name)")
    }
  }

  @Test func invalidModelsAndTargetsThrow() throws {
    #expect(throws: ModelError.self) { try SequentialModel(modules: []) }
    #expect(throws: ModelError.self) { try SequentialModel(modules: [.relu]) }
    #expect(throws: ModelError.self) {
      try SequentialModel(modules: [.linear(inFeatures: 2, outFeatures: 3), .linear(inFeatures: 4, outFeatures: 1)])
    }
    var model = try SequentialModel(modules: Self.mlp)
    #expect(throws: ModelError.self) { try model.injectAdapter(targets: ["9"], settings: LoraSettings()) }
    #expect {
      try model.injectAdapter(targets: ["3"], settings: LoraSettings())
    } throws: { "\($0)".hasPrefix("Target module LayerNorm() is not supported.") }
    var sgd = SGD(learningRate: 1)
    let task = try SyntheticTask.make(for: model, batchSize: 2, loss: .meanSquaredError, seed: 0)
    #expect(throws: ModelError.self) { try Trainer.train(&model, task: task, steps: 1, optimizer: &sgd) }
    #expect(throws: ModelError.self) { try model.forward(.tokens([1])) }
  }
}
