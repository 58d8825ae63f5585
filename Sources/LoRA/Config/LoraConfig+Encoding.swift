import ConfigValues

extension LoraConfig {
  /// The config as PEFT's `save_pretrained` writes `adapter_config.json`:
  /// `json.dumps(indent=2, sort_keys=True)`, sets as lists, `runtime_config` dropped,
  /// lora-spec extensions (`skip_frozen`) never written.
  ///
  /// - Parameter savedForInference: PEFT forces `inference_mode` to `true` in saved
  ///   files (the default); pass false to write the in-memory value.
  public func adapterConfigJSON(savedForInference: Bool = true) -> String {
    PythonJSON.dumps(.object(ConfigObject(adapterConfigEntries(savedForInference: savedForInference))))
  }

  /// The saved keys and values, sorted by key.
  public func adapterConfigEntries(savedForInference: Bool = true) -> [ConfigEntry] {
    var fields: [String: ConfigValue] = unmodelled
    fields["task_type"] = taskType.map(ConfigValue.string) ?? .null
    fields["peft_type"] = .string(peftType)
    fields["auto_mapping"] = autoMapping
    fields["peft_version"] = peftVersion.map(ConfigValue.string) ?? .null
    fields["base_model_name_or_path"] = baseModelNameOrPath.map(ConfigValue.string) ?? .null
    fields["revision"] = revision.map(ConfigValue.string) ?? .null
    fields["inference_mode"] = .bool(savedForInference ? true : inferenceMode)
    fields["r"] = .int(r)
    fields["target_modules"] = Self.value(targetModules)
    fields["exclude_modules"] = Self.value(excludeModules)
    fields["lora_alpha"] = Self.value(loraAlpha)
    fields["lora_dropout"] = .double(loraDropout)
    fields["fan_in_fan_out"] = .bool(fanInFanOut)
    fields["bias"] = .string(bias.rawValue)
    fields["use_rslora"] = .bool(useRslora)
    fields["modules_to_save"] = modulesToSave.map { .array($0.map(ConfigValue.string)) } ?? .null
    switch initLoraWeights {
    case .bool(let b): fields["init_lora_weights"] = .bool(b)
    case .method(let m): fields["init_lora_weights"] = .string(m)
    }
    switch layersToTransform {
    case nil: fields["layers_to_transform"] = .null
    case .index(let i): fields["layers_to_transform"] = .int(i)
    case .indices(let l): fields["layers_to_transform"] = .array(l.map(ConfigValue.int))
    }
    switch layersPattern {
    case nil: fields["layers_pattern"] = .null
    case .single(let s): fields["layers_pattern"] = .string(s)
    case .list(let l): fields["layers_pattern"] = .array(l.map(ConfigValue.string))
    }
    fields["rank_pattern"] = .object(ConfigObject(rankPattern.map { ConfigEntry(key: $0.key, value: .int($0.value)) }))
    fields["alpha_pattern"] = .object(
      ConfigObject(alphaPattern.map { ConfigEntry(key: $0.key, value: Self.value($0.value)) }))
    fields["use_dora"] = .bool(useDora)
    fields["lora_bias"] = .bool(loraBias)
    fields["target_parameters"] = targetParameters.map { .array($0.map(ConfigValue.string)) } ?? .null
    return fields.keys.sorted().compactMap { key in fields[key].map { ConfigEntry(key: key, value: $0) } }
  }

  private static func value(_ t: TargetModules?) -> ConfigValue {
    switch t {
    case nil: .null
    case .names(let n): .array(n.map(ConfigValue.string))
    case .regex(let s): .string(s)
    }
  }

  private static func value(_ n: PyNumber) -> ConfigValue {
    switch n {
    case .int(let i): .int(i)
    case .float(let d): .double(d)
    }
  }
}
