import ConfigValues

extension LoraConfig {
  /// Every key of PEFT 0.21's `adapter_config.json` for LoRA, sorted.
  public static let peftFieldNames: [String] = [
    "alora_invocation_tokens", "alpha_pattern", "arrow_config", "auto_mapping", "base_model_name_or_path", "bias",
    "corda_config", "ensure_weight_tying", "eva_config", "exclude_modules", "fan_in_fan_out", "inference_mode",
    "init_lora_weights", "kasa_config", "layer_replication", "layers_pattern", "layers_to_transform", "loftq_config",
    "lora_alpha", "lora_bias", "lora_dropout", "lora_ga_config", "megatron_config", "megatron_core",
    "modules_to_save", "monteclora_config", "peft_type", "peft_version", "qalora_group_size", "r", "rank_pattern",
    "revision", "target_modules", "target_parameters", "task_type", "trainable_token_indices", "use_bdlora",
    "use_dora", "use_qalora", "use_rslora", "velora_config",
  ]

  /// lora-spec extension fields: accepted on input, never written to `adapter_config.json`.
  public static let extensionFieldNames: [String] = ["skip_frozen"]

  /// PEFT's task types (`TaskType`), in PEFT's order.
  public static let taskTypes = [
    "SEQ_CLS", "SEQ_2_SEQ_LM", "CAUSAL_LM", "TOKEN_CLS", "QUESTION_ANS", "FEATURE_EXTRACTION",
  ]

  /// Defaults of the fields kept verbatim.
  static let unmodelledDefaults: [String: ConfigValue] = [
    "megatron_config": .null, "megatron_core": .string("megatron.core"), "trainable_token_indices": .null,
    "loftq_config": .object([]), "eva_config": .null, "corda_config": .null, "lora_ga_config": .null,
    "velora_config": .null, "alora_invocation_tokens": .null, "use_qalora": .bool(false),
    "qalora_group_size": .int(16), "monteclora_config": .null, "layer_replication": .null, "use_bdlora": .null,
    "arrow_config": .null, "kasa_config": .null, "ensure_weight_tying": .bool(false),
  ]

  /// Unmodelled fields whose value is free (they only matter together with another, refused, field).
  static let passThroughFields: Set<String> = ["megatron_core", "qalora_group_size"]

  /// What each refused field is, for the "not supported" message.
  static let unmodelledFeature: [String: String] = [
    "megatron_config": "Megatron-LM tensor-parallel layers",
    "trainable_token_indices": "trainable tokens (TrainableTokensLayer)",
    "loftq_config": "LoftQ initialisation",
    "eva_config": "EVA initialisation",
    "corda_config": "CorDA initialisation",
    "lora_ga_config": "LoRA-GA initialisation",
    "velora_config": "VeLoRA",
    "alora_invocation_tokens": "activated LoRA (aLoRA)",
    "use_qalora": "QA-LoRA",
    "monteclora_config": "MonteCLoRA",
    "layer_replication": "layer replication",
    "use_bdlora": "block-diagonal LoRA (BD-LoRA)",
    "arrow_config": "Arrow routing",
    "kasa_config": "KaSA",
    "ensure_weight_tying": "weight tying of adapters (ensure_weight_tying)",
  ]

  /// `init_lora_weights` values the engine models.
  static let supportedInitMethods: Set<String> = ["gaussian"]
}
