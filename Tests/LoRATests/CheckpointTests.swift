import Foundation
import LoRANumerics
import Testing

@testable import LoRA

@Suite struct CheckpointTests {
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lora-spec-ckpt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func config(r: Int, alpha: Int, targets: [String]? = nil, initLoraWeights: Bool = true) -> LoraConfig {
    var c = LoraConfig()
    c.r = r
    c.loraAlpha = .int(alpha)
    c.targetModules = targets.map(TargetModules.list)
    c.initLoraWeights = .bool(initLoraWeights)
    return c
  }

  @Test func savedKeysDropTheAdapterNameAsPeftDoes() {
    #expect(
      PeftStateDictKeys.savedKey(inMemoryName: "base_model.model.lin0.lora_A.default.weight", adapter: "default")
        == "base_model.model.lin0.lora_A.weight")
    #expect(
      PeftStateDictKeys.savedKey(inMemoryName: "base_model.model.emb.lora_embedding_B.default", adapter: "default")
        == "base_model.model.emb.lora_embedding_B")
    #expect(
      PeftStateDictKeys.savedKey(
        inMemoryName: "base_model.model.lin0.lora_magnitude_vector.other.weight", adapter: "other")
        == "base_model.model.lin0.lora_magnitude_vector")
    // ≥ 0.18: a module whose name contains the adapter name keeps it.
    #expect(
      PeftStateDictKeys.savedKey(inMemoryName: "base_model.model.default.lora_A.default.weight", adapter: "default")
        == "base_model.model.default.lora_A.weight")
    #expect(
      PeftStateDictKeys.savedKey(inMemoryName: "base_model.model.lin0.base_layer.weight", adapter: "default") == nil)
    #expect(PeftStateDictKeys.parse(savedKey: "base_model.model.a.b.lora_embedding_A")?.modulePath == "a.b")
    #expect(PeftStateDictKeys.parse(savedKey: "base_model.model.a.weight") == nil)
  }

  @Test func configWrittenAsPeftWritesIt() throws {
    // PEFT's own file, decoded and written again, is byte for byte the same.
    let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
      .appendingPathComponent("peft-interop/mlp/adapter/adapter_config.json")
    let text = try String(contentsOf: url, encoding: .utf8)
    let config = try LoraConfig.decode(text, file: url.path)
    #expect(config.adapterConfigJSON() == text)
  }

  @Test func patternsPickRankAndAlphaPerModule() throws {
    let config = try LoraConfig.decode(
      #"{"r": 8, "lora_alpha": 8, "rank_pattern": {"lin1": 4, "lin.": 2}, "alpha_pattern": {"^lin0": 2}}"#,
      file: "c.json")
    #expect(config.rank(forModule: "lin1") == 4)  // first pattern in file order wins
    #expect(config.rank(forModule: "model.lin1") == 4)
    #expect(config.rank(forModule: "lin2") == 2)
    #expect(config.rank(forModule: "lin10") == 8)
    #expect(config.alpha(forModule: "lin0") == 2)
    #expect(config.alpha(forModule: "model.lin0") == 8)
  }

  @Test func unsupportedInitMethodIsReported() throws {
    var config = LoraConfig()
    config.initLoraWeights = .method("pissa")
    #expect(throws: PeftError.self) { try config.numericInitMode() }
    config.initLoraWeights = .method("gaussian")
    #expect(try config.numericInitMode() == .gaussian)
  }

  @Test func saveAndLoadRoundTripGivesSameOutput() throws {
    var model = try SequentialModel(
      modules: [.embedding(numEmbeddings: 10, embeddingDim: 8), .relu, .linear(inFeatures: 8, outFeatures: 4)],
      seed: 2)
    try model.injectAdapter(targets: ["0", "2"], settings: LoraSettings(r: 2, alpha: 4, initMode: .noReinit))
    let config = CheckpointTests.config(r: 2, alpha: 4, targets: ["0", "2"], initLoraWeights: false)
    let checkpoint = model.checkpoint(adapter: "default", config: config)
    #expect(
      checkpoint.tensors.keys.sorted() == [
        "base_model.model.0.lora_embedding_A", "base_model.model.0.lora_embedding_B",
        "base_model.model.2.lora_A.weight", "base_model.model.2.lora_B.weight",
      ])
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try checkpoint.write(to: dir)
    let loaded = try AdapterCheckpoint(contentsOf: dir)
    #expect(loaded.tensors == checkpoint.tensors)
    #expect(loaded.config.adapterConfigJSON() == checkpoint.config.adapterConfigJSON())
    // The safetensors header carries PEFT's metadata.
    let file = try SafetensorsFile(contentsOf: dir.appendingPathComponent("adapter_model.safetensors"))
    #expect(file.metadata == ["format": "pt"])

    var fresh = try SequentialModel(
      modules: [.embedding(numEmbeddings: 10, embeddingDim: 8), .relu, .linear(inFeatures: 8, outFeatures: 4)],
      seed: 2)
    let applied = try fresh.loadAdapter(loaded)
    #expect(applied == ["0", "2"])
    let ids: LayerInput = .tokens([1, 5, 9])
    #expect(try fresh.forward(ids) == model.forward(ids))
  }

  @Test func halfPrecisionAdaptersLoadAsFloat32() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = Self.config(r: 1, alpha: 2)
    try Data(config.adapterConfigJSON().utf8).write(to: dir.appendingPathComponent("adapter_config.json"))
    try SafetensorsWriter.write(
      [
        .init(name: "base_model.model.lin0.lora_A.weight", shape: [1, 2], values: [0.5, -1.25], dtype: .bf16),
        .init(name: "base_model.model.lin0.lora_B.weight", shape: [2, 1], values: [1.5, 0.1], dtype: .f16),
      ], metadata: ["format": "pt"], to: dir.appendingPathComponent("adapter_model.safetensors"))
    let loaded = try AdapterCheckpoint(contentsOf: dir)
    #expect(loaded.tensors["base_model.model.lin0.lora_A.weight"]?.scalars == [0.5, -1.25])
    // 0.1 is not exact in binary16: the nearest half is 0.0999755859375.
    #expect(loaded.tensors["base_model.model.lin0.lora_B.weight"]?.scalars == [1.5, 0.099_975_585_937_5])
    var layers = [try LoraLayer(path: "lin0", kind: .linear, weight: Tensor(shape: [2, 2]))]
    try loaded.apply(to: &layers, adapter: "default")
    #expect(layers[0].adapter(named: "default")?.scaling == 2)
  }

  @Test func otherAdaptersGoToSubdirectories() throws {
    var layer = try LoraLayer(path: "lin0", kind: .linear, weight: Tensor(shape: [3, 4]))
    try layer.addAdapter(name: "default", r: 1, alpha: 1)
    try layer.addAdapter(name: "other", r: 2, alpha: 2)
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try AdapterCheckpoint.writeAll(
      [
        "default": AdapterCheckpoint(
          layers: [layer], adapter: "default", config: CheckpointTests.config(r: 1, alpha: 1)),
        "other": AdapterCheckpoint(layers: [layer], adapter: "other", config: CheckpointTests.config(r: 2, alpha: 2)),
      ], to: dir)
    let fm = FileManager.default
    #expect(fm.fileExists(atPath: dir.appendingPathComponent("adapter_config.json").path))
    #expect(fm.fileExists(atPath: dir.appendingPathComponent("other/adapter_model.safetensors").path))
    let other = try AdapterCheckpoint(contentsOf: dir.appendingPathComponent("other"))
    #expect(other.tensors["base_model.model.lin0.lora_A.weight"]?.shape == [2, 4])
  }

  @Test func loadingIntoAMismatchedModelThrowsClearly() throws {
    var layers = [try LoraLayer(path: "lin0", kind: .linear, weight: Tensor(shape: [3, 4]))]
    let wrongShape = AdapterCheckpoint(
      config: CheckpointTests.config(r: 2, alpha: 2),
      tensors: [
        "base_model.model.lin0.lora_A.weight": try Tensor(shape: [2, 5]),
        "base_model.model.lin0.lora_B.weight": try Tensor(shape: [3, 2]),
      ])
    #expect { try wrongShape.apply(to: &layers, adapter: "default") } throws: { "\($0)".contains("lora_A") }
    let wrongModule = AdapterCheckpoint(
      config: LoraConfig(), tensors: ["base_model.model.lin9.lora_A.weight": try Tensor(shape: [2, 4])])
    #expect { try wrongModule.apply(to: &layers, adapter: "default") } throws: { "\($0)".contains("'lin9'") }
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect { try AdapterCheckpoint(contentsOf: dir) } throws: { "\($0)".contains("adapter_config.json") }
  }
}
