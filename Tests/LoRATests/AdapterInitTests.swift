import ConfigValues
import Foundation
import LoRAModels
import LoRAModules
import LoRANumerics
import Testing

@testable import LoRA

/// `adapter init` / `adapter inspect` at the library level, and the PEFT check of what init writes
/// (Fixtures/peft-interop/adapter-init, checked by Scripts/peft-interop/peft_fixtures.py check-init).
@Suite struct AdapterInitTests {
  static func fixture() throws -> URL {
    try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
      .appendingPathComponent("peft-interop/adapter-init")
  }

  static func llamaTree() throws -> ModuleTree {
    let data = try Data(contentsOf: fixture().appendingPathComponent("config.json"))
    let object = try #require(try ConfigValue.parseJSON(Array(data)).objectValue)
    return try ModelCatalog.build(config: object, source: "config.json")
  }

  static func loraConfig() throws -> LoraConfig {
    try LoraConfig.decode(
      String(contentsOf: fixture().appendingPathComponent("lora.json"), encoding: .utf8), file: "lora.json")
  }

  @Test func initWritesTheCommittedPeftCheckedFilesByteForByte() throws {
    let (checkpoint, plan) = try AdapterInitializer.makeCheckpoint(
      model: Self.llamaTree(), config: Self.loraConfig(), seed: 11)
    #expect(plan.layers.count == 5)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("adapter-init-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try checkpoint.write(to: dir)
    for file in ["adapter_config.json", "adapter_model.safetensors"] {
      let fresh = try Data(contentsOf: dir.appendingPathComponent(file))
      let committed = try Data(
        contentsOf: Self.fixture().appendingPathComponent("adapter").appendingPathComponent(file))
      #expect(fresh == committed, "\(file): regenerate with `lora-spec adapter init` and re-run check-init")
    }
    let report = try #require(
      try ConfigValue.parseJSON(Array(Data(contentsOf: Self.fixture().appendingPathComponent("peft-check.json"))))
        .objectValue)
    #expect(report["peft"]?.stringValue == "0.21.2")
    #expect(report["loaded_values_identical"]?.boolValue == true)
    #expect(report["same_keys_and_shapes_as_get_peft_model"]?.boolValue == true)
    #expect(report["get_peft_model_trainable_parameters"] == report["adapter_parameters"])
  }

  @Test func initFollowsRankPatternAndInitMode() throws {
    let (checkpoint, _) = try AdapterInitializer.makeCheckpoint(
      model: Self.llamaTree(), config: Self.loraConfig(), seed: 11)
    #expect(checkpoint.tensors["base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight"]?.shape == [2, 64])
    #expect(checkpoint.tensors["base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight"]?.shape == [64, 4])
    #expect(checkpoint.tensors["base_model.model.model.embed_tokens.lora_embedding_A"]?.shape == [4, 128])
    // init_lora_weights false: B is non-zero.
    let b = try #require(checkpoint.tensors["base_model.model.model.layers.1.self_attn.q_proj.lora_B.weight"])
    #expect(b.scalars.contains { $0 != 0 })
    // Another seed gives other values, the same seed the same.
    let again = try AdapterInitializer.makeCheckpoint(model: Self.llamaTree(), config: Self.loraConfig(), seed: 11)
    let other = try AdapterInitializer.makeCheckpoint(model: Self.llamaTree(), config: Self.loraConfig(), seed: 12)
    #expect(again.checkpoint.tensors == checkpoint.tensors)
    #expect(other.checkpoint.tensors != checkpoint.tensors)
  }

  @Test func initRejectsWhatItCannotWrite() throws {
    var dora = try Self.loraConfig()
    dora.useDora = true
    #expect(throws: PeftError.self) { try AdapterInitializer.makeCheckpoint(model: Self.llamaTree(), config: dora) }
    var none = try Self.loraConfig()
    none.targetModules = .list(["no_such_module"])
    #expect(throws: PeftError.self) { try AdapterInitializer.makeCheckpoint(model: Self.llamaTree(), config: none) }
  }

  @Test func inspectReportsModulesAndFitAgainstModels() throws {
    let dir = try Self.fixture().appendingPathComponent("adapter")
    let plain = try AdapterInspection(directory: dir)
    #expect(plain.modules.count == 5)
    #expect(plain.mismatches == nil)
    let v = try #require(plain.modules.first { $0.path == "model.layers.0.self_attn.v_proj" })
    #expect(v.r == 2 && v.inFeatures == 64 && v.outFeatures == 32 && v.scaling == 4 && v.dtypes == ["F32"])
    #expect(plain.modules.first { $0.path == "model.embed_tokens" }?.kind == "Embedding")
    #expect(plain.parameterCount == 2176)

    let fits = try AdapterInspection(directory: dir, model: Self.llamaTree())
    #expect(fits.mismatches == [])
    #expect(fits.adaptedFrozen == [])

    var frozenTree = try Self.llamaTree()
    frozenTree.setRequiresGrad(false) { $0.hasPrefix("model.layers.1") }
    let frozen = try AdapterInspection(directory: dir, model: frozenTree)
    #expect(frozen.adaptedFrozen == ["model.layers.1.self_attn.q_proj", "model.layers.1.self_attn.v_proj"])

    let wider = try ModelCatalog.build(
      config: [
        "model_type": .string("llama"), "hidden_size": .int(128), "num_hidden_layers": .int(2),
        "num_attention_heads": .int(4), "num_key_value_heads": .int(2), "vocab_size": .int(128),
        "intermediate_size": .int(64),
      ],
      source: "wide")
    let misfit = try AdapterInspection(directory: dir, model: wider)
    #expect(
      misfit.mismatches?.contains { $0.key.hasSuffix("q_proj.lora_A.weight") && $0.message.contains("[4, 128]") }
        == true)
  }
}
