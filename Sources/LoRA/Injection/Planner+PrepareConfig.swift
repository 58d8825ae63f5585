import LoRAModules

/// `get_peft_model` / `_prepare_adapter_config`: the config as PEFT completes it before
/// matching (base model name, task-type heads, default target modules, bias and tying checks).
extension Planner {
  func prepare(
    _ requested: LoraConfig, adapterName: String, isFirst: Bool, warnings: inout [PeftWarning]
  ) throws(PeftError) -> LoraConfig {
    var config = requested
    config.skipFrozen = false
    if isFirst {
      let old = config.baseModelNameOrPath
      let new = context.info.nameOrPath
      config.baseModelNameOrPath = new
      if let old, old != new {
        warnings.append(
          PeftWarning(
            .userWarning,
            "The PEFT config's `base_model_name_or_path` was renamed from '\(old)' to '\(new ?? "None")'. Please ensure that the correct base model is loaded when loading this checkpoint."
          ))
      }
    }
    if "lora_".contains(adapterName) {
      warnings.append(
        PeftWarning(
          .userWarning,
          "Adapter name '\(adapterName)' should not be contained in the prefix 'lora_'. This may lead to reinitialization of the adapter weights during loading."
        ))
    }
    switch config.taskType {
    case "SEQ_CLS", "TOKEN_CLS": config.modulesToSave = (config.modulesToSave ?? []) + ["classifier", "score"]
    case "QUESTION_ANS": config.modulesToSave = (config.modulesToSave ?? []) + ["qa_outputs"]
    default: break
    }
    let biased = (context.existingConfigs + [config]).filter { $0.bias != .none }.count
    if biased > 1 {
      throw PeftError(
        .valueError,
        "LoraModel supports only 1 adapter with bias. When using multiple adapters, set bias to 'none' for all adapters."
      )
    }
    if let warning = tiedEmbeddingWarning(config) { warnings.append(warning) }
    if config.targetModules == nil {
      if let mapped = BaseModelInfo.defaultTargetModules[context.info.modelType ?? "custom"] {
        config.targetModules = mapped
      } else if (config.targetParameters ?? []).isEmpty {
        throw PeftError(.valueError, "Please specify `target_modules` or `target_parameters`in `peft_config`")
      }
    }
    return config
  }

  /// `_check_tied_modules` without `ensure_weight_tying`: warns when an `embed_tokens`/`lm_head`
  /// is targeted or saved on a model whose output embedding is tied to the input embedding.
  func tiedEmbeddingWarning(_ config: LoraConfig) -> PeftWarning? {
    guard tiesEmbedding else { return nil }
    let names: Set<Substring> = ["embed_tokens", "lm_head"]
    func last(_ s: String) -> Substring { s.split(separator: ".").last ?? Substring(s) }
    let toSave = (config.modulesToSave ?? []).contains { names.contains(last($0)) }
    var inTarget = false
    switch config.targetModules {
    case .regex(let r):
      inTarget = (try? PythonRegex(r)).map { re in names.contains { re.fullMatch(String($0)) } } ?? false
    case .names(let n): inTarget = n.contains { names.contains(last($0)) }
    case nil: break
    }
    guard toSave || inTarget else { return nil }
    return PeftWarning(
      .userWarning,
      "Model has `tie_word_embeddings=True` and a tied layer is part of the adapter, but `ensure_weight_tying` is not set to True. This can lead to complications, for example when merging the adapter or converting your model to formats other than safetensors. Check the discussion here: https://github.com/huggingface/peft/issues/2777"
    )
  }

  /// True when some parameter shares storage with an `Embedding`'s weight.
  var tiesEmbedding: Bool {
    tree.modules.contains { m in
      m.parameters.contains { p in
        guard let owner = p.tiedTo else { return false }
        if case .embedding = tree[ModuleTree.parentPath(of: owner)]?.kind { return true }
        if case .embedding = m.kind { return true }
        return false
      }
    }
  }
}
