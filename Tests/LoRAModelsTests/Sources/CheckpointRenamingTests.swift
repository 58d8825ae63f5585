import ConfigValues
import Foundation
import LoRAModels
import LoRAModules
import LoRANumerics
import Testing

/// A vision-language checkpoint saved with legacy keys gives the runtime names PEFT matches.
@Suite struct CheckpointRenamingTests {
  static let llava: ConfigObject = [
    "model_type": .string("llava"), "architectures": .array([.string("LlavaForConditionalGeneration")]),
    "text_config": .object([
      "model_type": .string("llama"), "vocab_size": .int(128), "hidden_size": .int(64), "intermediate_size": .int(128),
      "num_hidden_layers": .int(2), "num_attention_heads": .int(4), "num_key_value_heads": .int(2),
    ]),
    "vision_config": .object([
      "model_type": .string("clip_vision_model"), "hidden_size": .int(32), "intermediate_size": .int(64),
      "num_hidden_layers": .int(2), "num_attention_heads": .int(4), "image_size": .int(32), "patch_size": .int(8),
    ]),
  ]

  /// The legacy key transformers 4.x wrote for a runtime name.
  static func legacy(_ name: String) -> String {
    for (runtime, old) in [
      ("model.language_model.", "language_model.model."), ("model.vision_tower.", "vision_tower."),
      ("model.multi_modal_projector.", "multi_modal_projector."), ("lm_head.", "language_model.lm_head."),
    ] where name.hasPrefix(runtime) {
      return old + name.dropFirst(runtime.count)
    }
    return name
  }

  @Test func aLlavaCheckpointWithLegacyKeysGivesTheRuntimeTree() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let expected = try ModelCatalog.build(config: Self.llava, source: "config.json")
    let tensors = expected.namedParameters.filter { $0.parameter.tiedTo == nil }.map {
      SafetensorsWriter.Tensor(
        name: Self.legacy($0.fullName), shape: $0.parameter.shape,
        values: Array(repeating: 0, count: $0.parameter.elementCount), dtype: .bf16)
    }
    #expect(tensors.contains { $0.name.hasPrefix("language_model.model.layers.0.") })
    try SafetensorsWriter.write(tensors, metadata: ["format": "pt"], to: dir.file("model.safetensors"))
    _ = try dir.write(ConfigValue.object(Self.llava).compactText, to: "config.json")
    let tree = try ModelLoader.load(path: dir.file("model.safetensors"))
    #expect(tree == expected)
    #expect(tree["model.language_model.layers.0.self_attn.q_proj"] != nil)
    #expect(tree["language_model.model.layers.0.self_attn.q_proj"] == nil)
  }
}
