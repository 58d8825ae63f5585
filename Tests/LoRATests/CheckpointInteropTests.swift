import ConfigValues
import Foundation
import LoRANumerics
import Support
import Testing

@testable import LoRA

/// Interoperability with real PEFT 0.21.2 both ways, on fixtures made by
/// Scripts/peft-interop/peft_fixtures.py (architectures mirrored here).
@Suite struct CheckpointInteropTests {
  static let mlpModules: [SequentialModule] = [
    .linear(inFeatures: 6, outFeatures: 8), .relu, .linear(inFeatures: 8, outFeatures: 8), .layerNorm(dim: 8), .gelu,
    .linear(inFeatures: 8, outFeatures: 3),
  ]

  /// Stated tolerance against PEFT's float32 forward (different summation order).
  static let atol: Float = 1e-5
  static let rtol: Float = 1e-5

  static func fixtures() throws -> URL {
    try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent(
      "peft-interop")
  }

  static func tensors(_ url: URL) throws -> [String: Tensor] {
    let file = try SafetensorsFile(contentsOf: url)
    var result: [String: Tensor] = [:]
    for name in file.names {
      result[name] = try Tensor(shape: file.info(named: name).shape, scalars: file.floats(named: name))
    }
    return result
  }

  @Test func peftSavedMlpAdaptersReproducePeftOutputs() throws {
    let dir = try Self.fixtures().appendingPathComponent("mlp")
    let io = try Self.tensors(dir.appendingPathComponent("io.safetensors"))
    var model = try SequentialModel(modules: Self.mlpModules)
    try model.loadBaseWeights(
      Self.tensors(dir.appendingPathComponent("base.safetensors")), source: "mlp/base.safetensors")
    let x = LayerInput.features(try #require(io["x"]))
    #expect(
      Closeness.compare(try model.forward(x), try #require(io["base_output"]), atol: Self.atol, rtol: Self.rtol).isClose
    )

    let adapter = try AdapterCheckpoint(contentsOf: dir.appendingPathComponent("adapter"))
    guard case .names(let targets) = adapter.config.targetModules else {
      Issue.record("target_modules should be a list")
      return
    }
    #expect(Set(targets) == ["0", "2", "5"])
    #expect(try model.loadAdapter(adapter) == ["0", "2", "5"])
    // rank_pattern {"2": 4} and alpha_pattern {"5": 2} from the file.
    #expect(model.loraLayers[2]?.adapter(named: "default")?.r == 4)
    #expect(model.loraLayers[2]?.adapter(named: "default")?.scaling == 1)
    #expect(model.loraLayers[5]?.adapter(named: "default")?.scaling == 1)
    #expect(model.loraLayers[0]?.adapter(named: "default")?.scaling == 2)
    let report = Closeness.compare(
      try model.forward(x), try #require(io["output_default"]), atol: Self.atol, rtol: Self.rtol)
    #expect(report.isClose, "\(report)")

    let other = try AdapterCheckpoint(contentsOf: dir.appendingPathComponent("adapter/other"))
    try model.loadAdapter(other, name: "other")
    try model.setActiveAdapters(["default", "other"])
    let both = Closeness.compare(
      try model.forward(x), try #require(io["output_default_and_other"]), atol: Self.atol, rtol: Self.rtol)
    #expect(both.isClose, "\(both)")

    try model.setActiveAdapters(["default"])
    let merged = try model.mergeAndUnload()
    let mergedReport = Closeness.compare(
      try merged.forward(x), try #require(io["output_merged_default"]), atol: Self.atol, rtol: Self.rtol)
    #expect(mergedReport.isClose, "\(mergedReport)")
  }

  @Test func peftSavedEmbeddingAdapterWithRsloraReproducesPeft() throws {
    let dir = try Self.fixtures().appendingPathComponent("embedding")
    let io = try Self.tensors(dir.appendingPathComponent("io.safetensors"))
    var model = try SequentialModel(
      modules: [.embedding(numEmbeddings: 10, embeddingDim: 8), .tanh, .linear(inFeatures: 8, outFeatures: 4)])
    try model.loadBaseWeights(Self.tensors(dir.appendingPathComponent("base.safetensors")), source: "embedding")
    let adapter = try AdapterCheckpoint(contentsOf: dir.appendingPathComponent("adapter"))
    #expect(adapter.tensors.keys.contains("base_model.model.0.lora_embedding_A"))
    try model.loadAdapter(adapter)
    #expect(model.loraLayers[0]?.adapter(named: "default")?.scaling == 4)  // 8 / sqrt(4)
    let ids = try #require(io["ids"]).scalars.map { Int($0) }
    let report = Closeness.compare(
      try model.forward(.tokens(ids)), try #require(io["output"]), atol: Self.atol, rtol: Self.rtol)
    #expect(report.isClose, "\(report)")
  }

  @Test func peftSavedConv1DAdapterReproducesPeft() throws {
    let dir = try Self.fixtures().appendingPathComponent("conv1d")
    let io = try Self.tensors(dir.appendingPathComponent("io.safetensors"))
    let base = try Self.tensors(dir.appendingPathComponent("base.safetensors"))
    var layers = [
      try LoraLayer(path: "0", kind: .conv1D, weight: #require(base["0.weight"]), bias: base["0.bias"])
    ]
    let adapter = try AdapterCheckpoint(contentsOf: dir.appendingPathComponent("adapter"))
    #expect(adapter.config.fanInFanOut)
    try adapter.apply(to: &layers, adapter: "default")
    let report = Closeness.compare(
      try layers[0].forward(#require(io["x"])), try #require(io["output"]), atol: Self.atol, rtol: Self.rtol)
    #expect(report.isClose, "\(report)")
  }

  @Test func peftSavedDoraAdapterReproducesPeftUnmergedAndMerged() throws {
    let dir = try Self.fixtures().appendingPathComponent("dora")
    let io = try Self.tensors(dir.appendingPathComponent("io.safetensors"))
    var model = try SequentialModel(
      modules: [.linear(inFeatures: 6, outFeatures: 8), .relu, .linear(inFeatures: 8, outFeatures: 3)])
    try model.loadBaseWeights(Self.tensors(dir.appendingPathComponent("base.safetensors")), source: "dora")
    let adapter = try AdapterCheckpoint(contentsOf: dir.appendingPathComponent("adapter"))
    #expect(adapter.config.useDora)
    #expect(adapter.tensors["base_model.model.0.lora_magnitude_vector"]?.shape == [8])
    try model.loadAdapter(adapter)
    #expect(model.loraLayers[2]?.adapter(named: "default")?.magnitude?.shape == [3])
    let x = LayerInput.features(try #require(io["x"]))
    let unmerged = Closeness.compare(try model.forward(x), try #require(io["output"]), atol: Self.atol, rtol: Self.rtol)
    #expect(unmerged.isClose, "\(unmerged)")
    let merged = try model.mergeAndUnload()
    let mergedReport = Closeness.compare(
      try merged.forward(x), try #require(io["output_merged"]), atol: Self.atol, rtol: Self.rtol)
    #expect(mergedReport.isClose, "\(mergedReport)")
    // Saving again gives PEFT's DoRA key form.
    let resaved = model.checkpoint(adapter: "default", config: adapter.config)
    #expect(Set(resaved.tensors.keys) == Set(adapter.tensors.keys))
  }

  // MARK: lora-spec → PEFT

  /// The adapter lora-spec saves for the reverse check: seeded, B non-zero, two adapters.
  /// The configs are decoded from JSON as a user would write them; the planner decides
  /// targets, ranks (rank_pattern) and alphas.
  static func loraSpecModel() throws -> (SequentialModel, Tensor, InjectionPlan, InjectionPlan) {
    var model = try SequentialModel(modules: mlpModules, seed: 5)
    let defaultPlan = try model.injectAdapter(
      config: LoraConfig.decode(
        #"{"r": 2, "lora_alpha": 4, "target_modules": ["0", "2", "5"], "init_lora_weights": false, "rank_pattern": {"5": 3}}"#
      ), seed: 6)
    let otherPlan = try model.injectAdapter(
      name: "other",
      config: LoraConfig.decode(#"{"r": 3, "lora_alpha": 6, "target_modules": ["2"], "init_lora_weights": false}"#),
      seed: 7)
    var g = SeededGenerator(seed: 8, key: "interop.x")
    let x = try LoraInitialisation.normal(shape: [4, 6], generator: &g)
    return (model, x, defaultPlan, otherPlan)
  }

  static func writeLoraSpecSaved(to dir: URL) throws {
    let (model, x, defaultPlan, otherPlan) = try loraSpecModel()
    try AdapterCheckpoint.writeAll(
      [
        "default": model.checkpoint(adapter: "default", config: defaultPlan.config),
        "other": model.checkpoint(adapter: "other", config: otherPlan.config),
      ], to: dir.appendingPathComponent("adapter"))
    var base: [SafetensorsWriter.Tensor] = []
    for p in try SequentialModel(modules: mlpModules, seed: 5).namedParameters {
      base.append(.init(name: p.name, shape: p.value.shape, values: p.value.scalars))
    }
    // LayerNorm weights perturbed so the check exercises them.
    var lnWeight = [Float](repeating: 1, count: 8)
    for i in lnWeight.indices { lnWeight[i] += Float(i) * 0.05 }
    base = base.map { $0.name == "3.weight" ? .init(name: "3.weight", shape: [8], values: lnWeight) : $0 }
    try SafetensorsWriter.write(base, metadata: ["format": "pt"], to: dir.appendingPathComponent("base.safetensors"))
    var withBase = model
    try withBase.loadBaseWeights(["3.weight": Tensor(vector: lnWeight)], source: "test")
    let outDefault = try withBase.forward(.features(x))
    try withBase.setActiveAdapters(["other"])
    let outOther = try withBase.forward(.features(x))
    try SafetensorsWriter.write(
      [
        .init(name: "x", shape: x.shape, values: x.scalars),
        .init(name: "output_default", shape: outDefault.shape, values: outDefault.scalars),
        .init(name: "output_other", shape: outOther.shape, values: outOther.scalars),
      ], metadata: ["format": "pt"], to: dir.appendingPathComponent("io.safetensors"))
  }

  @Test func loraSpecSavedFixtureIsWhatLoraSpecWritesToday() throws {
    let committed = try Self.fixtures().appendingPathComponent("lora-spec-saved")
    if let target = ProcessInfo.processInfo.environment["LORA_SPEC_WRITE_INTEROP_FIXTURES"], !target.isEmpty {
      // Regenerate into the source tree: Tests/LoRATests/Fixtures/peft-interop/lora-spec-saved.
      let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/peft-interop/lora-spec-saved")
      try Self.writeLoraSpecSaved(to: source)
    }
    let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("lora-spec-interop-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: fresh) }
    try Self.writeLoraSpecSaved(to: fresh)
    for file in [
      "adapter/adapter_config.json", "adapter/adapter_model.safetensors", "adapter/other/adapter_config.json",
      "adapter/other/adapter_model.safetensors", "base.safetensors", "io.safetensors",
    ] {
      let a = try Data(contentsOf: fresh.appendingPathComponent(file))
      let b = try Data(contentsOf: committed.appendingPathComponent(file))
      #expect(a == b, "\(file) differs from the committed fixture: regenerate it and re-run the PEFT check")
    }
  }

  @Test func peftLoadsTheLoraSpecSavedAdapterAndAgrees() throws {
    let dir = try Self.fixtures().appendingPathComponent("lora-spec-saved")
    let reportData = try Data(contentsOf: dir.appendingPathComponent("peft-check.json"))
    let report = try ConfigValue.parseJSON(Array(reportData))
    #expect(report.objectValue?["peft"]?.stringValue == "0.21.2")
    #expect(report.objectValue?["outputs_match"]?.boolValue == true)
    #expect(report.objectValue?["load_warnings"]?.arrayValue == [])
    #expect(report.objectValue?["adapters"]?.arrayValue == [.string("default"), .string("other")])
    // PEFT re-saves exactly the tensors and config lora-spec wrote.
    #expect(report.objectValue?["state_dict_identical"] == .object(["default": .bool(true), "other": .bool(true)]))
    #expect(report.objectValue?["config_identical"] == .object(["default": .bool(true), "other": .bool(true)]))
    let peftOut = try Self.tensors(dir.appendingPathComponent("peft-outputs.safetensors"))
    let ours = try Self.tensors(dir.appendingPathComponent("io.safetensors"))
    for name in ["default", "other"] {
      let r = Closeness.compare(
        try #require(peftOut["peft_output_\(name)"]), try #require(ours["output_\(name)"]), atol: Self.atol,
        rtol: Self.rtol)
      #expect(r.isClose, "\(name): \(r)")
    }
  }
}
