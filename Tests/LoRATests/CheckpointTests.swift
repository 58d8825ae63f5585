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

  @Test func configFileMatchesPythonJsonDumpsLayout() throws {
    let config = PeftAdapterConfig.lora(
      r: 2, alpha: 16, targetModules: ["lin1", "lin0"], dropout: 0.05, initLoraWeights: .gaussian)
    let text = config.fileText
    #expect(text.hasPrefix("{\n  \"alora_invocation_tokens\": null,\n  \"alpha_pattern\": {},\n"))
    #expect(text.contains("\n  \"inference_mode\": true,\n"))
    #expect(text.contains("\n  \"init_lora_weights\": \"gaussian\",\n"))
    #expect(text.contains("\n  \"lora_alpha\": 16,\n  \"lora_bias\": false,\n  \"lora_dropout\": 0.05,\n"))
    #expect(text.contains("\n  \"target_modules\": [\n    \"lin0\",\n    \"lin1\"\n  ],\n"))
    #expect(text.hasSuffix("\n  \"velora_config\": null\n}"))
    let back = try PeftAdapterConfig(jsonText: text, file: "x")
    #expect(back == config)
  }

  @Test func pythonFloatReprRules() {
    #expect(PythonJSONText.pythonRepr(0) == "0.0")
    #expect(PythonJSONText.pythonRepr(1) == "1.0")
    #expect(PythonJSONText.pythonRepr(0.1) == "0.1")
    #expect(PythonJSONText.pythonRepr(1e-5) == "1e-05")
    #expect(PythonJSONText.pythonRepr(0.0001) == "0.0001")
    #expect(PythonJSONText.pythonRepr(1e16) == "1e+16")
    #expect(PythonJSONText.pythonRepr(9.1e15) == "9100000000000000.0")
    #expect(PythonJSONText.quoted("é\u{1F600}") == "\"\\u00e9\\ud83d\\ude00\"")
  }

  @Test func patternsPickRankAndAlphaPerModule() throws {
    let config = try PeftAdapterConfig(
      jsonText: """
        {"peft_type": "LORA", "r": 8, "lora_alpha": 8, "rank_pattern": {"lin1": 4}, "alpha_pattern": {"^lin0": 2}}
        """, file: "c.json")
    #expect(config.rank(forModule: "lin1") == 4)
    #expect(config.rank(forModule: "model.lin1") == 4)
    #expect(config.rank(forModule: "lin10") == 8)
    #expect(config.alpha(forModule: "lin0") == 2)
    #expect(config.alpha(forModule: "model.lin0") == 8)
    #expect(config.scaling(forModule: "lin1") == 2)
  }

  @Test func invalidConfigsNameTheFile() {
    #expect { try PeftAdapterConfig(jsonText: "{", file: "cfg.json") } throws: { "\($0)".hasPrefix("cfg.json:") }
    #expect { try PeftAdapterConfig(jsonText: "[]", file: "cfg.json") } throws: { "\($0)".contains("JSON object") }
    #expect { try PeftAdapterConfig(jsonText: #"{"peft_type": "IA3"}"#, file: "c") } throws: {
      "\($0)".contains("LoRA adapters only")
    }
  }

  @Test func saveAndLoadRoundTripGivesSameOutput() throws {
    var model = try SequentialModel(
      modules: [.embedding(numEmbeddings: 10, embeddingDim: 8), .relu, .linear(inFeatures: 8, outFeatures: 4)],
      seed: 2)
    try model.injectAdapter(targets: ["0", "2"], settings: LoraSettings(r: 2, alpha: 4, initMode: .noReinit))
    let config = PeftAdapterConfig.lora(r: 2, alpha: 4, targetModules: ["0", "2"], initLoraWeights: .noReinit)
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
    #expect(loaded == checkpoint)
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

  @Test func otherAdaptersGoToSubdirectories() throws {
    var layer = try LoraLayer(path: "lin0", kind: .linear, weight: Tensor(shape: [3, 4]))
    try layer.addAdapter(name: "default", r: 1, alpha: 1)
    try layer.addAdapter(name: "other", r: 2, alpha: 2)
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try AdapterCheckpoint.writeAll(
      [
        "default": AdapterCheckpoint(layers: [layer], adapter: "default", config: .lora(r: 1, alpha: 1)),
        "other": AdapterCheckpoint(layers: [layer], adapter: "other", config: .lora(r: 2, alpha: 2)),
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
      config: .lora(r: 2, alpha: 2),
      tensors: [
        "base_model.model.lin0.lora_A.weight": try Tensor(shape: [2, 5]),
        "base_model.model.lin0.lora_B.weight": try Tensor(shape: [3, 2]),
      ])
    #expect { try wrongShape.apply(to: &layers, adapter: "default") } throws: { "\($0)".contains("lora_A") }
    let wrongModule = AdapterCheckpoint(
      config: .lora(), tensors: ["base_model.model.lin9.lora_A.weight": try Tensor(shape: [2, 4])])
    #expect { try wrongModule.apply(to: &layers, adapter: "default") } throws: { "\($0)".contains("'lin9'") }
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect { try AdapterCheckpoint(contentsOf: dir) } throws: { "\($0)".contains("adapter_config.json") }
  }
}
