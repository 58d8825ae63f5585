import ConfigValues

extension LoraConfig {
  /// PEFT's `LoraConfig.__post_init__` checks, in PEFT's order and wording, followed by
  /// the engine's refusal of fields it does not model.
  public func validate() throws(PeftError) {
    if let taskType, !Self.taskTypes.contains(taskType) {
      throw PeftError(
        .valueError,
        "Invalid task type: '\(taskType)'. Must be one of the following task types: \(Self.taskTypes.joined(separator: ", "))."
      )
    }
    if peftType != "LORA" {
      throw PeftError(
        .unsupported,
        "peft_type '\(peftType)' is not supported by the reference engine, which models LoRA only (peft_type \"LORA\")."
      )
    }
    let targetIsString: Bool = if case .regex = targetModules { true } else { false }
    if targetIsString && layersToTransform != nil {
      throw PeftError(.valueError, "`layers_to_transform` cannot be used when `target_modules` is a str.")
    }
    if targetIsString && layersPattern != nil {
      throw PeftError(.valueError, "`layers_pattern` cannot be used when `target_modules` is a str.")
    }
    if let layersPattern, !layersPattern.patterns.isEmpty || layersPatternIsNonEmptyList(layersPattern),
      layersToTransform == nil
    {
      throw PeftError(.valueError, "When `layers_pattern` is specified, `layers_to_transform` must also be specified. ")
    }
    if useDora, unmodelled["megatron_config"].map(Self.isTruthy) == true {
      throw PeftError(.valueError, "DoRA does not support megatron_core, please set `use_dora=False`.")
    }
    if case .method("loftq") = initLoraWeights, unmodelled["loftq_config"].map(Self.isTruthy) != true {
      throw PeftError(.valueError, "`loftq_config` must be specified when `init_lora_weights` is 'loftq'.")
    }
    if loraBias {
      if case .method(let m) = initLoraWeights {
        throw PeftError(
          .valueError,
          "The argument lora_bias=True is only supported with init_lora_weights=True or False, got init_lora_weights=\(m) instead."
        )
      }
      if useDora {
        throw PeftError(
          .valueError, "The argument lora_bias=True is not supported for DoRA, please pass use_dora=False")
      }
    }
    try checkModelled()
  }

  private func layersPatternIsNonEmptyList(_ p: LayersPattern) -> Bool {
    if case .list(let l) = p { return !l.isEmpty }
    return false
  }

  /// Refuses unmodelled fields set to anything but their PEFT default, and init methods
  /// other than `true`, `false` and `"gaussian"`.
  private func checkModelled() throws(PeftError) {
    for key in unmodelled.keys.sorted() where !Self.passThroughFields.contains(key) {
      guard let value = unmodelled[key], let defaultValue = Self.unmodelledDefaults[key], value != defaultValue else {
        continue
      }
      let feature = Self.unmodelledFeature[key] ?? key
      throw PeftError(
        .unsupported,
        "'\(key)' is set, but \(feature) is not supported by the reference engine; remove the field or set it to its PEFT default (\(Self.defaultText(defaultValue)))."
      )
    }
    for (field, rank) in [("r", r)] + rankPattern.map({ ("rank_pattern['\($0.key)']", $0.value) })
    where rank > Self.largestModelledRank {
      throw PeftError(
        .unsupported,
        "\(field) = \(rank) is beyond the ranks the reference engine models (at most \(Self.largestModelledRank)); a LoRA rank is at most the layer's width, which is far smaller."
      )
    }
    if case .method(let m) = initLoraWeights, !Self.supportedInitMethods.contains(m) {
      throw PeftError(
        .unsupported,
        "init_lora_weights='\(m)' is not supported by the reference engine; use true, false or \"gaussian\".")
    }
  }

  /// The largest rank the engine accepts (2^20): parameter counts of `r × (in + out)` then fit
  /// in 64 bits for any layer and any number of layers.
  static let largestModelledRank = 1 << 20

  static func isTruthy(_ value: ConfigValue) -> Bool {
    switch value {
    case .null: false
    case .bool(let b): b
    case .int(let i): i != 0
    case .double(let d): d != 0
    case .string(let s): !s.isEmpty
    case .array(let a): !a.isEmpty
    case .object(let o): !o.isEmpty
    }
  }

  private static func defaultText(_ value: ConfigValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let b): b ? "true" : "false"
    case .object(let o) where o.isEmpty: "{}"
    case .int(let i): String(i)
    case .string(let s): "\"\(s)\""
    default: "its default"
    }
  }
}
