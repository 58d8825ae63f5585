import ConfigValues
import Foundation
import LoRAModels
import LoRAModules
import LoRANumerics
import Support
import Testing

/// Random bytes and truncations of config.json and module-list YAML never crash the
/// loaders; every failure is a `ModelSourceError` naming the input.
@Suite struct InputFuzzTests {
  static let config = """
    {"model_type": "llava", "architectures": ["LlavaForConditionalGeneration"],
     "text_config": {"model_type": "llama", "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 1,
                     "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 64},
     "vision_config": {"hidden_size": 16, "intermediate_size": 32, "num_hidden_layers": 1, "num_attention_heads": 2,
                       "image_size": 16, "patch_size": 8},
     "vision_feature_layer": [-2, -1], "tie_word_embeddings": true}
    """

  static let moduleList = """
    root: Net
    modules:
      - {name: embed, type: Embedding, num_embeddings: 10, embedding_dim: 4}
      - {name: blocks.0.q, type: Linear, in_features: 4, out_features: 4, bias: false}
      - {name: blocks.0.conv, type: Conv1d, in_channels: 4, out_channels: 4, kernel_size: 3}
      - {name: blocks.0.norm, type: LayerNorm, normalized_shape: [4]}
      - {name: head, type: MultiheadAttention, embed_dim: 4, num_heads: 2}
      - name: extra
        type: Custom
        params: [{name: s, shape: [2, 2]}]
    """

  func loadConfig(_ bytes: [UInt8], _ dir: TemporaryDirectory) throws {
    let url = dir.file("config.json")
    try Data(bytes).write(to: url)
    do {
      _ = try ModelLoader.load(path: url)
    } catch {
      #expect(error.source == url.path, "\(error)")
    }
  }

  func loadList(_ text: String) {
    do {
      _ = try ModuleListFile.parse(text, source: "fuzz.yaml")
    } catch {
      #expect(error.source == "fuzz.yaml", "\(error)")
    }
  }

  @Test func validInputsLoad() throws {
    let value = try ConfigValue.parseJSON(Self.config)
    guard case .object(let object) = value else { return }
    #expect(try ModelCatalog.build(config: object, source: "c").contains("model.multi_modal_projector.linear_1"))
    #expect(try ModuleListFile.parse(Self.moduleList, source: "m").contains("head.out_proj"))
  }

  @Test func configTruncationsAndMutationsNeverCrash() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let bytes = Array(Self.config.utf8)
    for length in stride(from: 0, to: bytes.count, by: 3) { try loadConfig(Array(bytes.prefix(length)), dir) }
    var rng = SeededGenerator(seed: 11)
    let alphabet = Array(#"{}[]:,"-0123456789.eEtruefalsn \"#.utf8)
    for _ in 0..<250 {
      var mutated = bytes
      for _ in 0..<Int.random(in: 1...3, using: &rng) {
        mutated[Int.random(in: 0..<mutated.count, using: &rng)] =
          alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
      }
      try loadConfig(mutated, dir)
    }
    for _ in 0..<200 {
      try loadConfig(
        (0..<Int.random(in: 0..<200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, dir)
    }
  }

  @Test func moduleListTruncationsAndMutationsNeverCrash() {
    for length in 0..<Self.moduleList.count { loadList(String(Self.moduleList.prefix(length))) }
    var rng = SeededGenerator(seed: 12)
    let scalars = Array(Self.moduleList.unicodeScalars)
    let alphabet = Array("{}[]:,-#&*!|>'\"\t \n0123456789abcLinear".unicodeScalars)
    for _ in 0..<500 {
      var mutated = scalars
      for _ in 0..<Int.random(in: 1...3, using: &rng) {
        mutated[Int.random(in: 0..<mutated.count, using: &rng)] =
          alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
      }
      var text = String.UnicodeScalarView()
      text.append(contentsOf: mutated)
      loadList(String(text))
    }
    for _ in 0..<200 {
      let bytes = (0..<Int.random(in: 0..<120, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
      loadList(String(decoding: bytes, as: UTF8.self))
    }
  }
}

/// Random values for the structural keys of every catalog model: a tree or a
/// `ModelSourceError` naming the catalog input, never a crash.
@Suite struct CatalogOverrideFuzzTests {
  static let keys = [
    "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads", "head_dim",
    "vocab_size", "image_size", "patch_size", "num_channels", "n_embd", "n_head", "n_layer", "n_inner", "d_model",
    "d_kv", "num_heads", "num_layers", "num_decoder_layers", "feed_forward_proj", "hidden_act", "num_labels",
    "encoder_layers", "decoder_layers", "num_mel_bins", "embed_dim", "depth", "mlp_ratio", "spatial_merge_size",
    "vision_feature_layer", "tie_word_embeddings", "architectures", "text_config", "vision_config", "id2label",
    "projection_dim", "encoder_stride", "type_vocab_size", "max_position_embeddings",
  ]

  static func randomValue(_ rng: inout SeededGenerator, depth: Int = 0) -> ConfigValue {
    switch Int.random(in: 0..<10, using: &rng) {
    case 0: return .int(Int.random(in: -3...3, using: &rng))
    case 1: return .int([0, 1, 2, 7, 64, Int(Int32.max), Int.max, Int.min].randomElement(using: &rng) ?? 1)
    case 2: return .double([0.5, -1, 1e300, 4.0].randomElement(using: &rng) ?? 1)
    case 3: return .string(["gelu", "gated-gelu", "x", "", "relu"].randomElement(using: &rng) ?? "")
    case 4: return .bool(Bool.random(using: &rng))
    case 5: return .null
    case 6: return .array([.int(Int.random(in: -2...40, using: &rng)), .string("LlamaModel")])
    case 7 where depth == 0:
      let key = keys.randomElement(using: &rng) ?? "hidden_size"
      return .object([
        key: randomValue(&rng, depth: 1),
        "model_type": .string(["llama", "clip_vision_model", "x"].randomElement(using: &rng) ?? ""),
      ])
    default: return .int(Int.random(in: 1...48, using: &rng))
    }
  }

  @Test func randomOverridesNeverCrash() {
    var rng = SeededGenerator(seed: 77)
    for type in ModelCatalog.modelTypes {
      for _ in 0..<60 {
        var overrides: ConfigObject = [:]
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
          overrides[Self.keys.randomElement(using: &rng) ?? "hidden_size"] = Self.randomValue(&rng)
        }
        do {
          let tree = try ModelCatalog.build(type, overrides: overrides)
          #expect(tree.parameterCounts.all >= 0)
        } catch {
          #expect(error.source == "catalog \(type)", "\(error)")
        }
      }
    }
  }
}
