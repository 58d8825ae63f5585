import ConfigValues
import Foundation
import LoRA
import Testing

/// `LoraConfig`: decoding adapter_config.json / YAML, PEFT's defaults and validation, encoding.
@Suite struct ConfigTests {
  @Test func emptyConfigHasPeftDefaults() throws {
    let c = try LoraConfig.decode("{}")
    #expect(c.r == 8)
    #expect(c.loraAlpha == .int(8))
    #expect(c.loraDropout == 0)
    #expect(c.targetModules == nil)
    #expect(c.bias == .none)
    #expect(c.initLoraWeights == .bool(true))
    #expect(c.rankPattern.isEmpty && c.alphaPattern.isEmpty)
    #expect(c.peftType == "LORA")
    #expect(c.peftVersion == "0.21.2")
    #expect(!c.skipFrozen)
  }

  @Test func jsonAndYamlDecodeToTheSameConfig() throws {
    let json =
      #"{"r": 16, "lora_alpha": 32, "target_modules": ["q_proj", "v_proj", "q_proj"], "bias": "lora_only", "rank_pattern": {"b": 4, "a": 2}}"#
    let yaml = """
      r: 16
      lora_alpha: 32
      target_modules: [q_proj, v_proj, q_proj]
      bias: lora_only
      rank_pattern:
        b: 4
        a: 2
      """
    let a = try LoraConfig.decode(json)
    let b = try LoraConfig.decode(yaml)
    #expect(a == b)
    #expect(a.targetModules == .names(["q_proj", "v_proj"]))  // a set in PEFT: duplicates dropped
    #expect(a.rankPattern.map(\.key) == ["b", "a"])  // file order kept: first match wins
    #expect(a.bias == .loraOnly)
  }

  @Test func aStringTargetIsARegexAndAllLinearIsRecognisedInAnyCase() throws {
    #expect(try LoraConfig.decode(#"{"target_modules": ".*q_proj"}"#).targetModules == .regex(".*q_proj"))
    #expect(try LoraConfig.decode(#"{"target_modules": "ALL-Linear"}"#).targetModules?.isAllLinear == true)
    #expect(try LoraConfig.decode(#"{"target_modules": ["all-linear"]}"#).targetModules?.isAllLinear == false)
  }

  @Test func misspeltFieldSuggestsTheClosestName() {
    #expect {
      try LoraConfig.decode("{\n  \"r\": 8,\n  \"tagret_modules\": [\"q\"]\n}", file: "cfg.json")
    } throws: { error in
      (error as? ConfigInputError)?.description
        == "cfg.json:3: unknown field 'tagret_modules' in the LoRA config; did you mean 'target_modules'?"
    }
    #expect {
      try LoraConfig.decode("lora_aplha: 4\n", file: "a.yaml")
    } throws: { error in
      (error as? ConfigInputError)?.message.contains("did you mean 'lora_alpha'?") == true
    }
    #expect {
      try LoraConfig.decode("completely_unrelated_key: 1")
    } throws: { error in
      (error as? ConfigInputError)?.message.contains("no such field") == true
    }
  }

  @Test func wrongTypesNameTheFieldAndLine() {
    #expect {
      try LoraConfig.decode("r: 8\nlora_dropout: high\n", file: "c.yaml")
    } throws: { error in
      (error as? ConfigInputError)?.description == "c.yaml:2: field 'lora_dropout' must be a number, got a string"
    }
    #expect(throws: ConfigInputError.self) { try LoraConfig.decode(#"{"r": "8"}"#) }
    #expect(throws: ConfigInputError.self) { try LoraConfig.decode(#"{"layers_to_transform": "0"}"#) }
    #expect(throws: ConfigInputError.self) { try LoraConfig.decode("[1, 2]") }
  }

  @Test func syntaxErrorsNameTheFile() {
    #expect {
      try LoraConfig.decode("{\"r\": 8,,}", file: "broken.json")
    } throws: { error in
      (error as? ConfigInputError)?.description.hasPrefix("broken.json:1: not valid JSON or YAML") == true
    }
    #expect(throws: ConfigInputError.self) { try LoraConfig.decode("r: 8\nr: 9\n", file: "dup.yaml") }
  }

  @Test(arguments: [
    (
      #"{"target_modules": "q_proj", "layers_to_transform": [0]}"#,
      "`layers_to_transform` cannot be used when `target_modules` is a str."
    ),
    (
      #"{"target_modules": "q_proj", "layers_pattern": "layers"}"#,
      "`layers_pattern` cannot be used when `target_modules` is a str."
    ),
    (
      #"{"layers_pattern": "layers"}"#,
      "When `layers_pattern` is specified, `layers_to_transform` must also be specified. "
    ),
    (
      #"{"lora_bias": true, "use_dora": true}"#,
      "The argument lora_bias=True is not supported for DoRA, please pass use_dora=False"
    ),
    (
      #"{"lora_bias": true, "init_lora_weights": "gaussian"}"#,
      "The argument lora_bias=True is only supported with init_lora_weights=True or False, got init_lora_weights=gaussian instead."
    ),
    (
      #"{"task_type": "CLASSIFY"}"#,
      "Invalid task type: 'CLASSIFY'. Must be one of the following task types: SEQ_CLS, SEQ_2_SEQ_LM, CAUSAL_LM, TOKEN_CLS, QUESTION_ANS, FEATURE_EXTRACTION."
    ),
    (#"{"init_lora_weights": "loftq"}"#, "`loftq_config` must be specified when `init_lora_weights` is 'loftq'."),
  ])
  func peftValidationErrorsAreWordedAsPeftWordsThem(_ json: String, _ message: String) {
    #expect {
      try LoraConfig.decode(json)
    } throws: { error in
      (error as? PeftError) == PeftError(.valueError, message)
    }
  }

  @Test func targetParametersAsAStringIsPeftsTypeError() {
    #expect {
      try LoraConfig.decode(#"{"target_parameters": "lin0.weight"}"#)
    } throws: { error in
      (error as? PeftError) == PeftError(.typeError, "`target_parameters` must be a list of strings or None.")
    }
  }

  @Test func unknownBiasIsPeftsNotImplementedError() {
    #expect {
      try LoraConfig.decode(#"{"bias": "some"}"#)
    } throws: { error in
      (error as? PeftError) == PeftError(.notImplementedError, "Requested bias: some, is not implemented.")
    }
  }

  @Test(arguments: [
    #"{"eva_config": {"rho": 2.0}}"#, #"{"loftq_config": {"loftq_bits": 4}}"#, #"{"use_qalora": true}"#,
    #"{"trainable_token_indices": [0, 1]}"#, #"{"layer_replication": [[0, 2]]}"#, #"{"ensure_weight_tying": true}"#,
    #"{"megatron_config": {"a": 1}}"#, #"{"init_lora_weights": "pissa"}"#, #"{"peft_type": "LOHA"}"#,
  ])
  func unmodelledFeaturesAreRefusedClearly(_ json: String) {
    #expect {
      try LoraConfig.decode(json)
    } throws: { error in
      guard let e = error as? PeftError else { return false }
      return e.kind == .unsupported && e.message.contains("not supported by the reference engine")
    }
  }

  @Test func unmodelledFieldsAtTheirDefaultsAreAccepted() throws {
    let c = try LoraConfig.decode(
      #"{"loftq_config": {}, "eva_config": null, "megatron_core": "megatron.core", "use_qalora": false, "qalora_group_size": 32, "runtime_config": {"ephemeral_gpu_offload": false}}"#
    )
    #expect(c.unmodelled["qalora_group_size"] == .int(32))
  }

  @Test func encodingIsPeftsAdapterConfigJson() throws {
    var c = try LoraConfig.decode(
      #"{"r": 4, "lora_alpha": 8, "target_modules": ["q_proj", "v_proj"], "lora_dropout": 0.05, "skip_frozen": true, "base_model_name_or_path": "m\u00e9"}"#
    )
    c.taskType = "CAUSAL_LM"
    let text = c.adapterConfigJSON()
    #expect(
      text.hasPrefix("{\n  \"alora_invocation_tokens\": null,\n  \"alpha_pattern\": {},\n  \"arrow_config\": null,"))
    #expect(text.contains("\n  \"inference_mode\": true,\n"))
    #expect(text.contains("\n  \"lora_dropout\": 0.05,\n"))
    #expect(text.contains("\n  \"loftq_config\": {},\n"))
    #expect(text.contains("\"base_model_name_or_path\": \"m\\u00e9\""))
    #expect(text.contains("\n  \"target_modules\": [\n    \"q_proj\",\n    \"v_proj\"\n  ],\n"))
    #expect(!text.contains("skip_frozen"))
    #expect(!text.contains("runtime_config"))
    #expect(!text.hasSuffix("\n"))
    let keys = c.adapterConfigEntries().map(\.key)
    #expect(keys == keys.sorted())
    #expect(Set(keys) == Set(LoraConfig.peftFieldNames))
  }

  @Test func encodedConfigDecodesBackToTheSameConfig() throws {
    var c = LoraConfig()
    c.targetModules = .regex(#".*\.(q|v)_proj"#)
    c.loraAlpha = .float(16.5)
    c.alphaPattern = [PatternEntry("layers.0", .int(4))]
    c.modulesToSave = ["score"]
    c.useDora = true
    let back = try LoraConfig.decode(c.adapterConfigJSON(savedForInference: false))
    #expect(back == c)
  }

  @Test func transposedLettersStillGetASuggestion() {
    #expect(LoraConfig.peftFieldNames.contains("target_modules"))
    #expect(throws: ConfigInputError.self) { try LoraConfig.decode(#"{"rr": 4}"#) }
    #expect {
      try LoraConfig.decode(#"{"lora_apha": 4}"#)
    } throws: { error in
      (error as? ConfigInputError)?.message.contains("did you mean 'lora_alpha'?") == true
    }
  }
}

/// Random and truncated inputs never crash the decoder; errors name the input.
@Suite struct ConfigFuzzTests {
  @Test func randomBytesAndTruncationsGiveErrorsNamingTheFile() {
    var rng = SystemRandomNumberGenerator()
    let valid =
      #"{"r": 8, "target_modules": ["q_proj", "v_proj"], "rank_pattern": {"a": 2}, "layers_to_transform": [0]}"#
    var inputs: [String] = (0..<valid.count).map { String(valid.prefix($0)) }
    for _ in 0..<300 {
      let n = Int.random(in: 0..<64, using: &rng)
      let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
      inputs.append(String(decoding: bytes, as: UTF8.self))
    }
    for input in inputs {
      do {
        _ = try LoraConfig.decode(input, file: "fuzz.json")
      } catch let error as ConfigInputError {
        #expect(error.file == "fuzz.json")
      } catch is PeftError {
        // A PEFT validation error is a valid outcome for a well-formed prefix.
      } catch {
        Issue.record("unexpected error type \(error)")
      }
    }
  }
}
