import ConfigValues
import Foundation
import LoRAModels
import LoRAModules
import LoRANumerics
import Testing

@Suite struct SafetensorsModelTests {
  /// Writes the tree's parameters (zeros, tied aliases left out as transformers saves them).
  static func write(_ tree: ModuleTree, to url: URL, skip: Set<String> = []) throws {
    let tensors = tree.namedParameters.filter { !skip.contains($0.fullName) }.map {
      SafetensorsWriter.Tensor(
        name: $0.fullName, shape: $0.parameter.shape, values: Array(repeating: 0, count: $0.parameter.elementCount),
        dtype: .bf16)
    }
    try SafetensorsWriter.write(tensors, metadata: ["format": "pt"], to: url)
  }

  static func configJSON(_ values: ConfigObject) -> String { ConfigValue.object(values).compactText }

  @Test func withConfigBesideItTheCatalogTreeIsUsed() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let config: ConfigObject = [
      "model_type": .string("gpt2"), "n_embd": .int(32), "n_layer": .int(2), "n_head": .int(4), "vocab_size": .int(64),
      "n_positions": .int(16), "architectures": .array([.string("GPT2LMHeadModel")]),
    ]
    let expected = try ModelCatalog.build(config: config, source: "config.json")
    try Self.write(expected, to: dir.file("model.safetensors"))
    _ = try dir.write(Self.configJSON(config), to: "config.json")
    let tree = try ModelLoader.load(path: dir.file("model.safetensors"))
    #expect(tree == expected)
  }

  @Test func withoutConfigKindsAreInferredFromNamesAndShapes() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let llama = try ModelCatalog.build("llama", overrides: ["num_hidden_layers": .int(11)])
    try Self.write(llama, to: dir.file("model.safetensors"))
    let tree = try ModelLoader.load(path: dir.file("model.safetensors"))
    #expect(tree.parameterCounts == llama.parameterCounts)
    #expect(Set(tree.namedParameters.map(\.fullName)) == Set(llama.namedParameters.map(\.fullName)))
    #expect(tree["model.embed_tokens"]?.kind == .embedding(numEmbeddings: 128, embeddingDim: 64))
    #expect(tree["model.layers.3.self_attn.k_proj"]?.kind == .linear(inFeatures: 64, outFeatures: 32, bias: false))
    #expect(tree["model.layers.3.input_layernorm"]?.kind == .norm(normalizedShape: 64, rms: true, bias: false))
    #expect(tree["model.layers"]?.typeName == "ModuleList")
    // Natural order: layer 2 before layer 10.
    let paths = tree.modules.map(\.path)
    #expect((paths.firstIndex(of: "model.layers.2") ?? 0) < (paths.firstIndex(of: "model.layers.10") ?? 0))
  }

  @Test func gpt2Conv1DIsRecognisedByBiasShapeOrConfigHint() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let gpt2 = try ModelCatalog.build("gpt2")
    try Self.write(gpt2, to: dir.file("model.safetensors"))
    let inferred = try ModelLoader.load(path: dir.file("model.safetensors"))
    // c_attn [32, 96] with bias [96] can only be Conv1D; square c_proj needs the hint.
    #expect(inferred["transformer.h.0.attn.c_attn"]?.kind == .transformersConv1D(inFeatures: 32, outFeatures: 96))
    #expect(inferred["transformer.h.0.attn.c_proj"]?.kind == .linear(inFeatures: 32, outFeatures: 32, bias: true))
    // A config with a different size (so the catalog tree does not apply) still gives the hint.
    _ = try dir.write(#"{"model_type": "gpt2", "n_embd": 48}"#, to: "config.json")
    let hinted = try ModelLoader.load(path: dir.file("model.safetensors"))
    #expect(hinted["transformer.h.0.attn.c_proj"]?.kind == .transformersConv1D(inFeatures: 32, outFeatures: 32))
    #expect(hinted["transformer.h.0.mlp.c_proj"]?.typeName == "Conv1D")
  }

  @Test func shardedIndexCombinesEveryShardHeader() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let bert = try ModelCatalog.build("bert")
    let names = bert.namedParameters
    let half = names.count / 2
    var map: ConfigObject = [:]
    for (i, shard) in [names[..<half], names[half...]].enumerated() {
      let file = "model-0000\(i + 1)-of-00002.safetensors"
      try SafetensorsWriter.write(
        shard.map {
          .init(
            name: $0.fullName, shape: $0.parameter.shape, values: Array(repeating: 0, count: $0.parameter.elementCount))
        }, to: dir.file(file))
      for p in shard { map[p.fullName] = .string(file) }
    }
    let index = ConfigValue.object(["metadata": .object(["total_size": .int(0)]), "weight_map": .object(map)])
    let indexURL = try dir.write(index.compactText, to: "model.safetensors.index.json")
    let tree = try ModelLoader.load(path: indexURL)
    #expect(tree.parameterCounts.all == bert.parameterCounts.all)

    map["extra.weight"] = .string("model-00001-of-00002.safetensors")
    _ = try dir.write(ConfigValue.object(["weight_map": .object(map)]).compactText, to: "bad.index.json")
    #expect {
      _ = try ModelLoader.load(path: dir.file("bad.index.json"))
    } throws: { error in
      "\(error)".contains("bad.index.json") && "\(error)".contains("\"extra.weight\"")
    }
    map["extra.weight"] = .string("model-00009-of-00009.safetensors")
    _ = try dir.write(ConfigValue.object(["weight_map": .object(map)]).compactText, to: "missing.index.json")
    #expect {
      _ = try ModelLoader.load(path: dir.file("missing.index.json"))
    } throws: { error in
      "\(error)".contains("missing.index.json") && "\(error)".contains("is missing")
    }
  }

  @Test func corruptWeightsNameTheFile() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let url = try dir.write("not a safetensors file at all", to: "broken.safetensors")
    #expect {
      _ = try ModelLoader.load(path: url)
    } throws: { error in
      "\(error)".hasPrefix(url.path + ": ")
    }
  }
}

@Suite struct SafetensorsCheckpointLayoutTests {
  @Test func hubStyleGPT2CheckpointWithoutPrefixAndWithMaskBuffersMatchesTheCatalog() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let gpt2 = try ModelCatalog.build("gpt2")
    var tensors: [SafetensorsWriter.Tensor] = gpt2.namedParameters.map {
      .init(
        name: String($0.fullName.dropFirst("transformer.".count)), shape: $0.parameter.shape,
        values: Array(repeating: 0, count: $0.parameter.elementCount))
    }
    tensors.removeAll { $0.name == "lm_head.weight" || $0.name == "d_head.weight" }
    tensors.append(.init(name: "h.0.attn.bias", shape: [1, 1, 2, 2], values: [1, 0, 1, 1]))
    try SafetensorsWriter.write(tensors, to: dir.file("model.safetensors"))
    let config: ConfigValue = .object([
      "model_type": .string("gpt2"), "vocab_size": .int(128), "n_positions": .int(64), "n_embd": .int(32),
      "n_layer": .int(2), "n_head": .int(4),
    ])
    _ = try dir.write(config.compactText, to: "config.json")
    #expect(try ModelLoader.load(path: dir.file("model.safetensors")) == gpt2)
  }

  @Test func multiheadAttentionAndConvolutionsAreInferred() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    try SafetensorsWriter.write(
      [
        .init(name: "pool.attention.in_proj_weight", shape: [12, 4], values: Array(repeating: 0, count: 48)),
        .init(name: "pool.attention.in_proj_bias", shape: [12], values: Array(repeating: 0, count: 12)),
        .init(name: "patch.weight", shape: [8, 3, 2, 2], values: Array(repeating: 0, count: 96)),
        .init(name: "video.weight", shape: [8, 3, 2, 2, 2], values: Array(repeating: 0, count: 192)),
        .init(name: "norm.weight", shape: [4], values: [1, 1, 1, 1]),
        .init(name: "norm.bias", shape: [4], values: [0, 0, 0, 0]),
        .init(name: "cls_token", shape: [1, 1, 4], values: [0, 0, 0, 0]),
      ], to: dir.file("model.safetensors"))
    let tree = try ModelLoader.load(path: dir.file("model.safetensors"))
    #expect(tree["pool.attention"]?.kind == .multiheadAttention(embedDim: 4, numHeads: 1, bias: true))
    #expect(tree["patch"]?.typeName == "Conv2d")
    #expect(
      tree["video"]?.kind
        == .conv(dimensions: 3, inChannels: 3, outChannels: 8, kernelSize: [2, 2, 2], groups: 1, bias: false))
    #expect(tree["norm"]?.kind == .norm(normalizedShape: 4, rms: false, bias: true))
    #expect(tree[""]?.parameters.map(\.name) == ["cls_token"])
  }
}
