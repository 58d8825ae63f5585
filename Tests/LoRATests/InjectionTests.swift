import LoRA
import LoRAModules
import Testing

/// Injection: PEFT's names and shapes in the tree, errors, warnings, adapters, extensions.
@Suite struct InjectionTests {
  func lin(_ p: String, _ i: Int, _ o: Int, bias: Bool = true) -> Module {
    Module(
      path: p, typeName: "Linear", kind: .linear(inFeatures: i, outFeatures: o, bias: bias),
      parameters: [Parameter(name: "weight", shape: [o, i])] + (bias ? [Parameter(name: "bias", shape: [o])] : []))
  }

  var small: ModuleTree {
    ModuleTree(
      rootTypeName: "Small",
      modules: [
        lin("lin0", 10, 20),
        Module(
          path: "emb", typeName: "Embedding", kind: .embedding(numEmbeddings: 30, embeddingDim: 10),
          parameters: [Parameter(name: "weight", shape: [30, 10])]),
        Module(
          path: "conv", typeName: "Conv2d",
          kind: .conv(dimensions: 2, inChannels: 3, outChannels: 10, kernelSize: [3, 3], groups: 1, bias: true),
          parameters: [Parameter(name: "weight", shape: [10, 3, 3, 3]), Parameter(name: "bias", shape: [10])]),
        Module(
          path: "c1d", typeName: "Conv1D", kind: .transformersConv1D(inFeatures: 10, outFeatures: 30),
          parameters: [Parameter(name: "weight", shape: [10, 30]), Parameter(name: "bias", shape: [30])]),
        Module(
          path: "norm", typeName: "LayerNorm", kind: .norm(normalizedShape: 10, rms: false, bias: true),
          parameters: [Parameter(name: "weight", shape: [10]), Parameter(name: "bias", shape: [10])]),
        lin("head", 10, 2),
      ])
  }

  func config(_ json: String) throws -> LoraConfig { try LoraConfig.decode(json) }

  @Test func wrappedLayersUsePeftsNamesAndShapes() throws {
    let m = try PeftModel(
      model: small, config: config(#"{"target_modules": ["lin0", "emb", "conv", "c1d"], "r": 4}"#), info: .plainModule)
    let t = m.tree
    #expect(t["lin0"]?.typeName == "lora.Linear")
    #expect(
      t.modules.map(\.path).prefix(12) == [
        "", "lin0", "lin0.base_layer", "lin0.lora_dropout", "lin0.lora_dropout.default", "lin0.lora_A",
        "lin0.lora_A.default",
        "lin0.lora_B", "lin0.lora_B.default", "lin0.lora_embedding_A", "lin0.lora_embedding_B",
        "lin0.lora_magnitude_vector",
      ])
    #expect(t["lin0.base_layer"]?.parameters.map(\.shape) == [[20, 10], [20]])
    #expect(t["lin0.lora_A.default"]?.parameters.map(\.shape) == [[4, 10]])
    #expect(t["lin0.lora_B.default"]?.parameters.map(\.shape) == [[20, 4]])
    #expect(t["emb"]?.typeName == "lora.Embedding")
    #expect(t["emb.lora_embedding_A"]?.parameters.map(\.name) == ["default"])
    #expect(t["emb.lora_embedding_A"]?.parameters.map(\.shape) == [[4, 30]])
    #expect(t["emb.lora_embedding_B"]?.parameters.map(\.shape) == [[10, 4]])
    #expect(t["emb.lora_A.default"] == nil)
    #expect(t["conv"]?.typeName == "lora.Conv2d")
    #expect(t["conv.lora_A.default"]?.parameters.map(\.shape) == [[4, 3, 3, 3]])
    #expect(t["conv.lora_B.default"]?.parameters.map(\.shape) == [[10, 4, 1, 1]])
    #expect(t["c1d.lora_A.default"]?.parameters.map(\.shape) == [[4, 10]])
    #expect(t["c1d.lora_B.default"]?.parameters.map(\.shape) == [[30, 4]])
    #expect(m.config(of: "default")?.fanInFanOut == true)
    #expect(
      m.injectionWarnings == [
        PeftWarning(
          .userWarning,
          "fan_in_fan_out is set to False but the target module is `Conv1D`. Setting fan_in_fan_out to True.")
      ])
    // Frozen base, trainable adapters.
    #expect(t["lin0.base_layer"]?.parameters.allSatisfy { !$0.requiresGrad } == true)
    #expect(t["head"]?.parameters.allSatisfy { !$0.requiresGrad } == true)
    #expect(m.parameterCounts.trainable == (40 + 80) + (120 + 40) + (108 + 40) + (40 + 120))
  }

  @Test func doraAddsAMagnitudeVectorPerLayer() throws {
    let m = try PeftModel(
      model: small, config: config(#"{"target_modules": ["lin0"], "r": 2, "use_dora": true}"#), info: .plainModule)
    #expect(m.tree["lin0.lora_magnitude_vector.default"]?.parameters.map(\.shape) == [[20]])
    #expect(m.parameterCounts.trainable == 20 + 40 + 20)
  }

  @Test func loraBiasGivesLoraBABias() throws {
    let m = try PeftModel(
      model: small, config: config(#"{"target_modules": ["lin0"], "r": 2, "lora_bias": true}"#), info: .plainModule)
    #expect(m.tree["lin0.lora_B.default"]?.parameters.map(\.name) == ["weight", "bias"])
    #expect(m.injectionWarnings.isEmpty)
  }

  @Test func fanInFanOutOnALinearIsCorrectedWithPeftsWarning() throws {
    let m = try PeftModel(
      model: small, config: config(#"{"target_modules": ["lin0"], "fan_in_fan_out": true}"#), info: .plainModule)
    #expect(m.config(of: "default")?.fanInFanOut == false)
    #expect(
      m.injectionWarnings.map(\.message) == [
        "fan_in_fan_out is set to True but the target module is `torch.nn.Linear`. Setting fan_in_fan_out to False."
      ])
  }

  @Test func unsupportedTypesRaisePeftsValueError() throws {
    #expect {
      try PeftModel(model: small, config: config(#"{"target_modules": ["norm"]}"#), info: .plainModule)
    } throws: { error in
      (error as? PeftError)?.message.hasPrefix(
        "Target module LayerNorm((10,), eps=1e-05, elementwise_affine=True) is not supported. Currently, only the following modules are supported: `torch.nn.Linear`"
      ) == true
    }
    let decisions = try #require(
      explain(model: small, config: config(#"{"target_modules": ["norm", "lin0"]}"#), info: .plainModule))
    #expect(decisions.first { $0.path == "norm" }?.decision == .unsupported(typeName: "LayerNorm"))
    #expect(decisions.first { $0.path == "norm" }?.decision.description == "type LayerNorm not supported")
  }

  @Test func rankZeroIsRejectedWhenTheLayerIsCreated() throws {
    #expect {
      try PeftModel(model: small, config: config(#"{"target_modules": ["lin0"], "r": 0}"#), info: .plainModule)
    } throws: { error in
      (error as? PeftError)
        == PeftError(.valueError, "`r` should be a positive integer value but the value passed is 0")
    }
  }

  @Test func modulesToSaveWrapsAndCountsTheCopy() throws {
    let m = try PeftModel(
      model: small, config: config(#"{"target_modules": ["lin0"], "modules_to_save": ["head"], "r": 2}"#),
      info: .plainModule)
    #expect(m.wrappers.map(\.path) == ["head"])
    #expect(m.tree["head"]?.typeName == "ModulesToSaveWrapper")
    #expect(m.tree["head.original_module"]?.parameters.allSatisfy { !$0.requiresGrad } == true)
    #expect(m.tree["head.modules_to_save.default"]?.parameters.allSatisfy(\.requiresGrad) == true)
    #expect(m.trainableParameterNames.contains("base_model.model.head.modules_to_save.default.weight"))
    #expect(m.parameterCounts.trainable == (20 + 40) + 22)
  }

  @Test func biasOptionsReenableTheRightBiases() throws {
    let all = try PeftModel(
      model: small, config: config(#"{"target_modules": ["lin0"], "bias": "all"}"#), info: .plainModule)
    let names = Set(all.trainableParameterNames)
    #expect(names.contains("base_model.model.lin0.base_layer.bias"))
    #expect(names.contains("base_model.model.head.bias"))
    #expect(names.contains("base_model.model.norm.bias"))
    let only = try PeftModel(
      model: small, config: config(#"{"target_modules": ["lin0"], "bias": "lora_only"}"#), info: .plainModule)
    #expect(Set(only.trainableParameterNames).contains("base_model.model.lin0.base_layer.bias"))
    #expect(!Set(only.trainableParameterNames).contains("base_model.model.head.bias"))
    var disabled = all
    #expect(
      disabled.disableAdapterLayers().map(\.message) == [
        "Careful, disabling adapter layers with bias configured to be 'all' does not produce the same output as the base model would without adaption."
      ])
  }

  @Test func secondAdapterIsInactiveFrozenAndKeepsUserFlags() throws {
    var m = try PeftModel(model: small, config: config(#"{"target_modules": ["lin0"], "r": 2}"#), info: .plainModule)
    m.setRequiresGrad(true) { $0 == "base_model.model.head.weight" }
    try m.addAdapter("other", config: config(#"{"target_modules": ["lin0", "head"], "r": 4}"#))
    #expect(m.activeAdapters == ["default"])
    #expect(m.layers.map(\.path) == ["lin0", "head"])
    #expect(m.tree["lin0.lora_A.other"]?.parameters.first?.requiresGrad == false)
    #expect(m.tree["lin0.lora_A.default"]?.parameters.first?.requiresGrad == true)
    #expect(m.tree["head.base_layer"]?.parameters.first?.requiresGrad == true)  // 0.21 restores pre-existing flags
    #expect(
      m.tree.modules.firstIndex { $0.path == "lin0.lora_A.other" }
        == (m.tree.modules.firstIndex { $0.path == "lin0.lora_A.default" } ?? -9) + 1)
    #expect {
      try m.addAdapter("other", config: LoraConfig())
    } throws: { error in
      (error as? PeftError) == PeftError(.valueError, "Adapter with name 'other' already exists.")
    }
    #expect {
      try m.addAdapter("third", config: config(#"{"target_modules": ["nothing"]}"#))
    } throws: { error in
      (error as? PeftError)?.kind == .noMatchingModule
    }
  }

  @Test func deletingTheActiveAdapterActivatesTheFirstRemaining() throws {
    var m = try PeftModel(model: small, config: config(#"{"target_modules": ["lin0"], "r": 2}"#), info: .plainModule)
    try m.addAdapter("b_other", config: config(#"{"target_modules": ["lin0"], "r": 2}"#))
    let warnings = try m.deleteAdapter("default")
    #expect(
      warnings.map(\.message) == ["Adapter default was active which is now deleted. Setting active adapter to b_other."]
    )
    #expect(m.activeAdapters == ["b_other"])
    #expect(m.tree["lin0.lora_A.default"] == nil)
    #expect(m.tree["lin0.lora_A.b_other"]?.parameters.first?.requiresGrad == true)
    #expect {
      try m.deleteAdapter("default")
    } throws: { error in
      (error as? PeftError) == PeftError(.valueError, "Adapter default does not exist")
    }
    #expect {
      try m.setAdapter("zzz")
    } throws: { error in
      (error as? PeftError) == PeftError(.valueError, "Adapter zzz not found.")
    }
  }

  @Test func multiheadAttentionIsRefusedAsUnmodelled() throws {
    let tree = ModuleTree(
      rootTypeName: "M",
      modules: [
        Module(
          path: "attn", typeName: "MultiheadAttention", kind: .multiheadAttention(embedDim: 8, numHeads: 2, bias: true),
          parameters: [Parameter(name: "in_proj_weight", shape: [24, 8])])
      ])
    #expect {
      try PeftModel(model: tree, config: config(#"{"target_modules": ["attn"]}"#), info: .plainModule)
    } throws: { error in
      (error as? PeftError)?.kind == .unsupported
    }
  }

  @Test func skipFrozenProducesAnExplicitListRealPeftAccepts() throws {
    var tree = ModuleTree(
      rootTypeName: "Model",
      modules: [
        Module(path: "vision", typeName: "Tower", kind: .container), lin("vision.q_proj", 8, 8),
        lin("vision.v_proj", 8, 8),
        Module(path: "text", typeName: "Tower", kind: .container), lin("text.q_proj", 8, 8), lin("text.v_proj", 8, 8),
      ])
    tree.setRequiresGrad(false) { $0.hasPrefix("vision") }
    var c = try config(#"{"target_modules": ["q_proj", "v_proj"], "r": 2, "skip_frozen": true}"#)
    let p = try plan(model: tree, config: c, info: .plainModule)
    #expect(p.targetedModuleNames == ["text.q_proj", "text.v_proj"])
    #expect(p.skippedFrozen == ["vision.q_proj", "vision.v_proj"])
    #expect(p.config.targetModules == .names(["text.q_proj", "text.v_proj"]))
    #expect(!p.config.skipFrozen)
    #expect(p.decisions.first { $0.path == "vision.q_proj" }?.decision == .skippedFrozen)
    #expect(p.decisions.first { $0.path == "text.q_proj" }?.decision == .matched(.suffix("q_proj")))
    // The saved config, run through plain PEFT rules, adapts the same modules.
    let saved = try LoraConfig.decode(p.config.adapterConfigJSON())
    #expect(try plan(model: tree, config: saved, info: .plainModule).targetedModuleNames == p.targetedModuleNames)
    // Everything frozen: PEFT's own error for an empty list.
    tree.setRequiresGrad(false) { _ in true }
    c.skipFrozen = true
    #expect {
      try plan(model: tree, config: c, info: .plainModule)
    } throws: { error in
      (error as? PeftError)?.message.hasPrefix("No `target_modules` passed but also no `target_parameters` found.")
        == true
    }
  }

  @Test func targetParametersOnTheRootIsRejected() throws {
    let tree = ModuleTree(
      rootTypeName: "P",
      modules: [
        Module(path: "", typeName: "P", kind: .container, parameters: [Parameter(name: "weight", shape: [4, 4])])
      ])
    #expect {
      try plan(
        model: tree, config: config(#"{"target_modules": [], "target_parameters": ["weight"]}"#), info: .plainModule)
    } throws: { error in
      (error as? PeftError)?.message
        == "Targeting an nn.Parameter on the top-level module is not supported (parameter 'weight'). "
    }
  }

  /// A Llama-3-70B-shaped tree (80 layers): structure only.
  static func llama70B() -> ModuleTree {
    let (h, i, v, kv) = (8192, 28672, 128256, 1024)
    var modules: [Module] = [
      Module(path: "model", typeName: "LlamaModel", kind: .container),
      Module(
        path: "model.embed_tokens", typeName: "Embedding", kind: .embedding(numEmbeddings: v, embeddingDim: h),
        parameters: [Parameter(name: "weight", shape: [v, h])]),
      Module(path: "model.layers", typeName: "ModuleList", kind: .container),
    ]
    func l(_ p: String, _ a: Int, _ b: Int) -> Module {
      Module(
        path: p, typeName: "Linear", kind: .linear(inFeatures: a, outFeatures: b, bias: false),
        parameters: [Parameter(name: "weight", shape: [b, a])])
    }
    for n in 0..<80 {
      let p = "model.layers.\(n)"
      modules += [
        Module(path: p, typeName: "LlamaDecoderLayer", kind: .container),
        Module(path: p + ".self_attn", typeName: "LlamaAttention", kind: .container),
        l(p + ".self_attn.q_proj", h, h), l(p + ".self_attn.k_proj", h, kv), l(p + ".self_attn.v_proj", h, kv),
        l(p + ".self_attn.o_proj", h, h),
        Module(path: p + ".mlp", typeName: "LlamaMLP", kind: .container),
        l(p + ".mlp.gate_proj", h, i), l(p + ".mlp.up_proj", h, i), l(p + ".mlp.down_proj", i, h),
        Module(path: p + ".mlp.act_fn", typeName: "SiLUActivation", kind: .other),
        Module(
          path: p + ".input_layernorm", typeName: "LlamaRMSNorm",
          kind: .norm(normalizedShape: h, rms: true, bias: false), parameters: [Parameter(name: "weight", shape: [h])]),
        Module(
          path: p + ".post_attention_layernorm", typeName: "LlamaRMSNorm",
          kind: .norm(normalizedShape: h, rms: true, bias: false), parameters: [Parameter(name: "weight", shape: [h])]),
      ]
    }
    modules += [
      Module(
        path: "model.norm", typeName: "LlamaRMSNorm", kind: .norm(normalizedShape: h, rms: true, bias: false),
        parameters: [Parameter(name: "weight", shape: [h])]),
      Module(path: "model.rotary_emb", typeName: "LlamaRotaryEmbedding", kind: .other),
      l("lm_head", h, v),
    ]
    return ModuleTree(rootTypeName: "LlamaForCausalLM", modules: modules)
  }

  @Test func llama70BAllLinearIsCondensedAndCountsMatchTheHubModel() throws {
    let tree = Self.llama70B()
    #expect(tree.parameterCounts.all == 70_553_706_496)
    var c = LoraConfig()
    c.targetModules = .regex("all-linear")
    c.r = 16
    let info = BaseModelInfo(modelType: "llama", isPreTrainedModel: true, outputEmbeddings: "lm_head")
    let p = try plan(model: tree, config: c, info: info)
    #expect(p.layers.count == 560)
    #expect(
      Set(p.config.targetModules.map { if case .names(let n) = $0 { n } else { [] } } ?? []) == [
        "q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj",
      ])
    #expect(!p.targetedModuleNames.contains("lm_head"))
    let m = PeftModel(base: tree, plan: p, info: info)
    #expect(m.parameterCounts.trainable == 80 * 16 * ((8192 + 8192) * 2 + (8192 + 1024) * 2 + (8192 + 28672) * 3))
  }
}
