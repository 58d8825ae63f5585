import ConfigValues
import Foundation
import LoRAModels
import LoRAModules
import LoRANumerics
import Testing

@Suite struct CatalogTests {
  @Test func everyListedTypeBuildsATinyTreeByName() throws {
    #expect(
      ModelCatalog.modelTypes == [
        "bert", "clip", "gemma", "gpt2", "llama", "llava", "mistral", "qwen2", "qwen2_vl", "siglip", "t5", "vit",
        "whisper",
      ])
    for type in ModelCatalog.modelTypes {
      let tree = try ModelCatalog.build(type)
      #expect(tree.rootTypeName == ModelCatalog.architectures(of: type)?.first)
      #expect(tree.parameterCounts.all < 1_000_000, "\(type) is not tiny")
    }
  }

  @Test func everyArchitectureBuildsByClassName() throws {
    for type in ModelCatalog.modelTypes {
      for architecture in ModelCatalog.architectures(of: type) ?? [] {
        #expect(try ModelCatalog.build(architecture).rootTypeName == architecture)
      }
    }
  }

  /// The oracle's configs laid over the catalog's tiny defaults give transformers' trees too.
  @Test(
    arguments: Fixtures.files(in: "transformers", withExtension: "json").filter {
      !$0.lastPathComponent.contains("counts")
    })
  func overridesOnTinyDefaultsMatchTransformers(fixture url: URL) throws {
    let fixture = try TreeFixture.load(url)
    let tree = try ModelCatalog.build(fixture.architecture, overrides: fixture.config)
    let differences = fixture.differences(from: tree)
    #expect(
      differences.isEmpty,
      Comment(rawValue: url.lastPathComponent + ": " + differences.prefix(5).joined(separator: "\n")))
  }

  @Test func llama3_70BHubConfigBuildsTheFullTreeWithTransformersCount() throws {
    let url = try Fixtures.url("hub/Meta-Llama-3-70B.config.json")
    guard case .object(let config) = try ConfigValue.parseJSON([UInt8](Data(contentsOf: url))) else {
      Issue.record("config is not an object")
      return
    }
    let tree = try ModelCatalog.build(config: config, source: url.lastPathComponent)
    #expect(tree.parameterCounts.all == 70_553_706_496)
    #expect(tree.parameterCounts.trainable == 70_553_706_496)
    #expect(tree.contains("model.layers.79.mlp.down_proj"))
    #expect(tree["model.layers.0.self_attn.k_proj"]?.kind == .linear(inFeatures: 8192, outFeatures: 1024, bias: false))
    let counts = try TreeFixture.load(try Fixtures.url("transformers/llama3-70b-counts.json"))
    #expect(
      counts.differences(from: tree).isEmpty, Comment(rawValue: counts.differences(from: tree).joined(separator: "\n")))
  }

  @Test func tiedHeadFollowsTheConfigFlag() throws {
    let untied = try ModelCatalog.build("llama")
    #expect(untied["lm_head"]?.parameters.first?.tiedTo == nil)
    let tied = try ModelCatalog.build("llama", overrides: ["tie_word_embeddings": .bool(true)])
    #expect(tied["lm_head"]?.parameters.first?.tiedTo == "model.embed_tokens.weight")
    #expect(untied.parameterCounts.all - tied.parameterCounts.all == 128 * 64)
    #expect(try ModelCatalog.build("gemma")["lm_head"]?.parameters.first?.tiedTo == "model.embed_tokens.weight")
  }

  @Test func vlmsUseTransformers5Naming() throws {
    let llava = try ModelCatalog.build("llava")
    for path in [
      "model.vision_tower", "model.multi_modal_projector", "model.language_model.layers.0.self_attn.q_proj", "lm_head",
    ] {
      #expect(llava.contains(path), "\(path)")
    }
    let qwen = try ModelCatalog.build("qwen2_vl", overrides: ["num_hidden_layers": .int(3)])
    #expect(qwen.contains("model.language_model.layers.2.mlp.up_proj"))
    #expect(qwen.contains("model.visual.blocks.1.attn.qkv"))
  }

  @Test func nestedOverridesMergeKeyByKey() throws {
    let tree = try ModelCatalog.build(
      "llava",
      overrides: [
        "text_config": .object(["num_hidden_layers": .int(3)]), "vision_config": .object(["hidden_size": .int(48)]),
      ])
    #expect(tree.contains("model.language_model.layers.2"))
    #expect(!tree.contains("model.language_model.layers.3"))
    #expect(tree["model.multi_modal_projector.linear_1"]?.kind == .linear(inFeatures: 48, outFeatures: 64, bias: true))
  }

  @Test(
    arguments: [
      ("lama", ConfigObject(), "did you mean 'llama'"),
      ("llama", ["hidden_size": .string("big")], "hidden_size must be an integer, found a string"),
      ("llama", ["num_attention_heads": .int(0)], "num_attention_heads must be between 1"),
      ("llama", ["num_key_value_heads": .int(3)], "must be a multiple of num_key_value_heads"),
      (
        "llama", ["architectures": .array([.string("LlamaForVision")])],
        "cannot build for llama; supported: LlamaForCausalLM"
      ),
      ("llama", ["hidden_act": .string("gelu_nope")], "unknown activation \"gelu_nope\""),
      (
        "llava", ["text_config": .object(["model_type": .string("bert")])],
        "text_config.model_type \"bert\" is not supported"
      ),
      ("llava", ["vision_config": .int(3)], "vision_config must be an object"),
      ("t5", ["feed_forward_proj": .string("gated-gelu-x")], "feed_forward_proj"),
      (
        "llama", ["num_hiden_layers": .int(3)],
        "unknown config key 'num_hiden_layers'; did you mean 'num_hidden_layers'?"
      ),
      (
        "llava", ["text_config": .object(["vocab_sise": .int(3)])],
        "'text_config.vocab_sise'; did you mean 'vocab_size'?"
      ),
    ] as [(String, ConfigObject, String)])
  func badConfigurationsGiveErrorsNamingTheKey(name: String, overrides: ConfigObject, message: String) {
    do {
      _ = try ModelCatalog.build(name, overrides: overrides)
      Issue.record("accepted \(overrides)")
    } catch {
      #expect(error.description.contains(message), "\(error)")
      #expect(error.description.hasPrefix("catalog \(name): "))
    }
  }

  @Test func unrelatedTransformersKeysAreAcceptedAndIgnored() throws {
    let base = try ModelCatalog.build("llama")
    let tree = try ModelCatalog.build(
      "llama",
      overrides: [
        "rope_theta": .double(500000), "rms_norm_eps": .double(1e-5), "torch_dtype": .string("bfloat16"),
        "bos_token_id": .int(1), "num_labels": .int(3), "initializer_range": .double(0.02),
      ])
    #expect(tree == base)
  }

  @Test func configJSONWithoutModelTypeIsAClearError() {
    #expect {
      _ = try ModelCatalog.build(config: ["hidden_size": .int(8)], source: "config.json")
    } throws: { error in
      "\(error)".hasPrefix("config.json: ") && "\(error)".contains("model_type")
    }
    #expect {
      _ = try ModelCatalog.build(config: ["model_type": .string("lamma")], source: "config.json")
    } throws: { error in
      "\(error)".contains("did you mean 'llama'")
    }
  }
}

@Suite struct CatalogSizeLimitTests {
  @Test(
    arguments: [
      ("llama", ["vocab_size": ConfigValue.int(2_000_000_000), "hidden_size": .int(2_000_000_000)]),
      ("llama", ["head_dim": .int(Int.max)]),
      ("gpt2", ["n_inner": .int(-5)]),
      ("vit", ["image_size": .array([.int(Int.max), .int(1)])]),
      ("vit", ["num_labels": .int(Int.max)]),
      ("llama", ["num_hidden_layers": .int(1_000_000)]),
    ] as [(String, ConfigObject)])
  func hugeOrNegativeSizesAreErrorsNotCrashes(name: String, overrides: ConfigObject) {
    #expect(throws: ModelSourceError.self) { _ = try ModelCatalog.build(name, overrides: overrides) }
  }

  @Test func hugeModuleListShapesAreErrors() {
    let text =
      "modules:\n  - {name: c, type: Conv3d, in_channels: 2000000000, out_channels: 2000000000, kernel_size: 2000000000}\n"
    #expect(throws: ModelSourceError.self) { _ = try ModuleListFile.parse(text, source: "m.yaml") }
  }
}

@Suite struct UnknownArchitectureTests {
  @Test(arguments: ["mixtral", "phi3", "qwen2_5_vl", "gemma3"])
  func anotherArchitectureGetsNoDidYouMeanButWhatWorksInstead(name: String) {
    #expect {
      try ModelCatalog.build(name)
    } throws: { error in
      let text = "\(error)"
      return !text.contains("did you mean") && text.contains("the catalog does not describe")
        && text.contains("module list")
    }
  }

  @Test func aTypoStillGetsItsSuggestion() {
    #expect {
      try ModelCatalog.build("lamma")
    } throws: { error in
      "\(error)".contains("did you mean 'llama'?")
    }
  }
}
