import LoRAModules

/// PEFT 0.21's `get_peft_model` / `inject_adapter` steps for one adapter, as a pure
/// function of the model and the config. One pass over the modules; regexes and name
/// sets are compiled once (see ``TargetMatcher``).
struct Planner {
  let context: PlanningContext

  private var tree: ModuleTree { context.tree }

  // MARK: Entry points

  func plan(config requested: LoraConfig, adapterName: String, isFirst: Bool) throws(PeftError) -> InjectionPlan {
    try requested.validate()
    if requested.skipFrozen { return try planSkippingFrozen(requested, adapterName: adapterName, isFirst: isFirst) }
    var warnings: [PeftWarning] = []
    var config = try prepare(requested, adapterName: adapterName, isFirst: isFirst, warnings: &warnings)
    let allLinear = expandAllLinear(&config)
    try condense(&config)
    let matcher = try TargetMatcher(config: config, allLinear: allLinear)

    var decisions: [ModuleDecision] = []
    decisions.reserveCapacity(tree.modules.count)
    var layers: [PlannedLayer] = []
    var excludedCount = 0
    var unmatchedCount = 0
    for (module, decision) in decide(matcher, allLinear: allLinear) {
      decisions.append(ModuleDecision(path: module.path, typeName: module.typeName, decision: decision))
      switch decision.outcome {
      case .excluded: excludedCount += 1
      case .unmatched: unmatchedCount += 1
      case .skipped: break
      case .matched:
        layers.append(try makeLayer(module, config: &config, warnings: &warnings))
      }
    }
    let parameterLayers = try planParameters(config, moduleLayers: layers)
    try checkOutcome(
      config, targeted: layers, parameters: parameterLayers, excluded: excludedCount, unmatched: unmatchedCount,
      warnings: &warnings)
    let mts = try modulesToSave(config, layers: layers, adapterName: adapterName)
    return InjectionPlan(
      adapterName: adapterName, requestedConfig: requested, config: config, decisions: decisions, layers: layers,
      parameterLayers: parameterLayers, modulesToSave: mts, warnings: warnings, skippedFrozen: [])
  }

  /// The decisions alone, never raising for module-level problems.
  func decisions(config requested: LoraConfig) throws(PeftError) -> [ModuleDecision] {
    var warnings: [PeftWarning] = []
    var config = try prepare(requested, adapterName: "default", isFirst: true, warnings: &warnings)
    let allLinear = expandAllLinear(&config)
    try condense(&config)
    let matcher = try TargetMatcher(config: config, allLinear: allLinear)
    return decide(matcher, allLinear: allLinear).map { module, decision in
      var d = decision
      if d.isAdapted, unsupportedTypeName(module) != nil { d = .unsupported(typeName: module.typeName) }
      return ModuleDecision(path: module.path, typeName: module.typeName, decision: d)
    }
  }

  // MARK: get_peft_model / _prepare_adapter_config

  private func prepare(
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

  // MARK: all-linear and condensation

  /// `_maybe_include_all_linear_layers`: replaces the shorthand by full names. Returns true when it did.
  private func expandAllLinear(_ config: inout LoraConfig) -> Bool {
    guard config.targetModules?.isAllLinear == true else { return false }
    var excluded = Set<String>()
    if context.info.isPreTrainedModel {
      if let output = context.info.outputEmbeddings {
        excluded.insert(output)
      } else if config.taskType == "SEQ_CLS" {
        if let head = ["score", "classifier"].first(where: { tree.contains($0) }) { excluded.insert(head) }
      }
    }
    var names: [String] = []
    var insideTuner: String?
    for module in tree.modules where !module.path.isEmpty {
      if let t = insideTuner, module.path.hasPrefix(t + ".") { continue }
      insideTuner = nil
      if let cls = context.tunerLayers[module.path] {
        insideTuner = module.path
        if cls.hasPrefix("lora.") && cls.dropFirst(5).contains("Linear") && !excluded.contains(module.path) {
          names.append(module.path)
        }
        continue
      }
      if module.kind.isLinearLike && !excluded.contains(module.path) { names.append(module.path) }
    }
    config.targetModules = .names(names)
    return true
  }

  /// `MIN_TARGET_MODULES_FOR_OPTIMIZATION`: lists of >= 20 names are condensed to minimal suffixes.
  private func condense(_ config: inout LoraConfig) throws(PeftError) {
    guard case .names(let names) = config.targetModules, names.count >= 20 else { return }
    let set = Set(names.map { NameKey($0) })
    let others = tree.modules.lazy.map(\.path).filter {
      !set.contains(NameKey($0)) && TargetMatcher.suffixHit($0, set) == nil
    }
    let minimal = try findMinimalTargetModules(names, others: Array(others))
    if minimal.count < names.count { config.targetModules = .names(minimal) }
  }

  // MARK: Matching

  /// `check_target_module_exists` for every module but the root; keys inside existing
  /// tuner layers are skipped as PEFT skips them.
  private func decide(_ matcher: TargetMatcher, allLinear: Bool) -> [(Module, MatchDecision)] {
    var out: [(Module, MatchDecision)] = []
    out.reserveCapacity(tree.modules.count)
    var insideTuner: String?
    let output = allLinear && context.info.isPreTrainedModel ? context.info.outputEmbeddings : nil
    for module in tree.modules where !module.path.isEmpty {
      if let t = insideTuner, module.path.hasPrefix(t + ".") {
        out.append((module, .adapterInternal(layer: t)))
        continue
      }
      insideTuner = context.tunerLayers[module.path] != nil ? module.path : nil
      var decision = matcher.decide(module.path)
      if case .notTargeted = decision, module.path == output { decision = .allLinearOutputLayer }
      out.append((module, decision))
    }
    return out
  }

  // MARK: Layer creation (dispatch)

  private func makeLayer(_ module: Module, config: inout LoraConfig, warnings: inout [PeftWarning]) throws(PeftError)
    -> PlannedLayer
  {
    let r = config.rankPattern.first { patternMatches($0.key, module.path) }?.value ?? config.r
    let alpha = (config.alphaPattern.first { patternMatches($0.key, module.path) }?.value ?? config.loraAlpha)
      .doubleValue
    var layerType: String
    var baseKind = module.kind
    var baseTypeName = module.typeName
    let extending = context.tunerLayers[module.path]
    if let extending {
      layerType = extending
      if let base = tree[module.path + ".base_layer"] {
        baseKind = base.kind
        baseTypeName = base.typeName
      }
    } else {
      layerType = ""
    }
    var features = (inFeatures: 0, outFeatures: 0)
    switch baseKind {
    case .linear(let i, let o, _):
      if extending == nil, config.fanInFanOut {
        warnings.append(
          PeftWarning(
            .userWarning,
            "fan_in_fan_out is set to True but the target module is `torch.nn.Linear`. Setting fan_in_fan_out to False."
          ))
        config.fanInFanOut = false
      }
      layerType = extending ?? "lora.Linear"
      features = (i, o)
    case .transformersConv1D(let i, let o):
      if extending == nil, !config.fanInFanOut {
        warnings.append(
          PeftWarning(
            .userWarning,
            "fan_in_fan_out is set to False but the target module is `Conv1D`. Setting fan_in_fan_out to True."))
        config.fanInFanOut = true
      }
      layerType = extending ?? "lora.Linear"
      features = (i, o)
    case .embedding(let n, let d):
      if config.loraBias { throw PeftError(.valueError, "lora_bias=True is not supported for Embedding.") }
      layerType = extending ?? "lora.Embedding"
      features = (n, d)
    case .conv(let dims, let i, let o, _, let groups, _):
      let cls = "Conv\(dims)d"
      if groups > 1 {
        warnings.append(
          PeftWarning(.userWarning, "LoRA adapter added to ConvNd layer with groups > 1. Merging is not supported."))
      }
      if groups > 0, r % groups != 0 {
        throw PeftError(
          .valueError,
          "Targeting a \(cls) with groups=\(groups) and rank \(r). Currently, support is limited to conv layers where the rank is divisible by groups. Either choose a different rank or do not target this specific layer."
        )
      }
      layerType = extending ?? "lora.\(cls)"
      features = (i, o)
    case .multiheadAttention:
      throw PeftError(
        .unsupported,
        "Target module \(module.path) is a MultiheadAttention; LoRA on nn.MultiheadAttention is not modelled by the reference engine. Target its out_proj or other Linear layers instead."
      )
    case .norm, .container, .other:
      throw PeftError(
        .valueError,
        "Target module \(pytorchRepr(module)) is not supported. Currently, only the following modules are supported: `torch.nn.Linear`, `torch.nn.Embedding`, `torch.nn.Conv1d`, `torch.nn.Conv2d`, `torch.nn.Conv3d`, `transformers.pytorch_utils.Conv1D`, `torch.nn.MultiheadAttention.`."
      )
    }
    if r <= 0 { throw PeftError(.valueError, "`r` should be a positive integer value but the value passed is \(r)") }
    if config.loraBias && !Self.hasBias(baseKind) {
      warnings.append(
        PeftWarning(
          .peftWarning,
          "`lora_bias=True` was passed but the targeted layer of type \(baseTypeName) has no bias. This means that merging LoRA weights won't be possible."
        ))
    }
    let scaling = config.useRslora ? alpha / Double(r).squareRoot() : alpha / Double(r)
    return PlannedLayer(
      path: module.path, layerType: layerType, baseTypeName: baseTypeName, baseKind: baseKind, r: r, alpha: alpha,
      scaling: scaling, inFeatures: features.inFeatures, outFeatures: features.outFeatures,
      extendsExistingLayer: extending != nil, parameterName: nil)
  }

  private static func hasBias(_ kind: ModuleKind) -> Bool {
    switch kind {
    case .linear(_, _, let b), .conv(_, _, _, _, _, let b), .multiheadAttention(_, _, let b): b
    case .transformersConv1D: true
    default: false
    }
  }

  /// `_check_tied_modules` without `ensure_weight_tying`: warns when an `embed_tokens`/`lm_head`
  /// is targeted or saved on a model whose output embedding is tied to the input embedding.
  private func tiedEmbeddingWarning(_ config: LoraConfig) -> PeftWarning? {
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
  private var tiesEmbedding: Bool {
    tree.modules.contains { m in
      m.parameters.contains { p in
        guard let owner = p.tiedTo else { return false }
        if case .embedding = tree[ModuleTree.parentPath(of: owner)]?.kind { return true }
        if case .embedding = m.kind { return true }
        return false
      }
    }
  }

  /// The class name PEFT would refuse for this module, or nil when it can be wrapped.
  private func unsupportedTypeName(_ module: Module) -> String? {
    if context.tunerLayers[module.path] != nil { return nil }
    switch module.kind {
    case .linear, .transformersConv1D, .embedding, .conv, .multiheadAttention: return nil
    case .norm, .container, .other: return module.typeName
    }
  }

  // MARK: target_parameters

  private func planParameters(_ config: LoraConfig, moduleLayers: [PlannedLayer]) throws(PeftError) -> [PlannedLayer] {
    guard let targets = config.targetParameters, !targets.isEmpty else { return [] }
    let names = Set(targets.map { NameKey($0) })
    let wrapped = Set(moduleLayers.map(\.path))
    var out: [PlannedLayer] = []
    var insideTuner: String?
    for module in tree.modules {
      if let t = insideTuner, module.path.hasPrefix(t + ".") { continue }
      insideTuner = context.tunerLayers[module.path] != nil ? module.path : nil
      let owner = insideTuner.flatMap { tree[$0 + ".base_layer"] } ?? module
      for p in owner.parameters {
        let key = module.path + "." + p.name
        guard TargetMatcher.nameOrSuffixHit(key, names) != nil else { continue }
        if module.path.isEmpty {
          throw PeftError(
            .valueError,
            "Targeting an nn.Parameter on the top-level module is not supported (parameter '\(p.name)'). ")
        }
        if wrapped.contains(module.path)
          || (insideTuner != nil && context.tunerLayers[module.path] != "lora.ParamWrapper")
        {
          throw PeftError(
            .valueError,
            "Trying to wrap an `nn.Parameter` of layer '\(module.path)' of type \(owner.typeName), which is not a valid target. Make sure that this layer is not also targeted with `target_modules`. For some models, PEFT will do this automatically, try setting `target_modules=[]` to prevent it."
          )
        }
        if config.loraDropout != 0 {
          throw PeftError(.valueError, "lora.ParamWrapper does not work with lora_dropout != 0.")
        }
        if config.fanInFanOut { throw PeftError(.valueError, "lora.ParamWrapper does not work with fan_in_fan_out.") }
        if config.loraBias { throw PeftError(.valueError, "lora.ParamWrapper does not work with lora_bias=True.") }
        if config.useDora { throw PeftError(.valueError, "lora.ParamWrapper does not work with use_dora=True.") }
        guard p.shape.count == 2 else {
          throw PeftError(
            .unsupported,
            "target_parameters entry '\(key)' has shape \(p.shape); the reference engine models 2-D parameters only (not MoE expert tensors)."
          )
        }
        if out.contains(where: { $0.path == module.path }) {
          throw PeftError(
            .unsupported,
            "several target_parameters on module '\(module.path)' (nested ParamWrappers) are not modelled by the reference engine."
          )
        }
        let r = config.rankPattern.first { patternMatches($0.key, key) }?.value ?? config.r
        let alpha = (config.alphaPattern.first { patternMatches($0.key, key) }?.value ?? config.loraAlpha).doubleValue
        if r <= 0 {
          throw PeftError(.valueError, "`r` should be a positive integer value but the value passed is \(r)")
        }
        out.append(
          PlannedLayer(
            path: module.path, layerType: "lora.ParamWrapper", baseTypeName: owner.typeName, baseKind: owner.kind, r: r,
            alpha: alpha, scaling: config.useRslora ? alpha / Double(r).squareRoot() : alpha / Double(r),
            inFeatures: p.shape[1], outFeatures: p.shape[0], extendsExistingLayer: insideTuner != nil,
            parameterName: key))
      }
    }
    return out
  }

  // MARK: Error and warning cascade

  private func checkOutcome(
    _ config: LoraConfig, targeted: [PlannedLayer], parameters: [PlannedLayer], excluded: Int, unmatched: Int,
    warnings: inout [PeftWarning]
  ) throws(PeftError) {
    let targetsTruthy = config.targetModules.map { !$0.isEmpty } ?? false
    var notes = ""
    if let l = config.layersToTransform {
      notes += " Note: You specified 'layers_to_transform': \(l.pythonDescription)."
    }
    if let p = config.layersPattern { notes += " You also specified 'layers_pattern': \(p.pythonDescription)." }
    if targeted.isEmpty && parameters.isEmpty {
      if excluded > 0 && unmatched == 0 {
        throw PeftError(
          .noMatchingModule,
          "All modules were excluded. This is likely unintended. Check your `target_modules`, `exclude_modules` and `modules_to_save` configuration."
        )
      } else if excluded == 0 && unmatched > 0 && !targetsTruthy {
        throw PeftError(
          .noMatchingModule,
          "No `target_modules` passed but also no `target_parameters` found. Please check the values for these arguments."
        )
      } else if excluded == 0 && unmatched > 0 {
        throw PeftError(
          .noMatchingModule,
          "Target modules \(config.targetModules?.pythonDescription ?? "None") not found in the base model. Please check the target modules and try again."
            + notes)
      } else {
        throw PeftError(
          .noMatchingModule,
          "No modules were targeted for adaptation. This might be caused by a combination of mismatched target modules and excluded modules. Please check your `target_modules` and `exclude_modules` configuration. You may also have only targeted modules that are marked to be saved (`modules_to_save`)."
            + notes)
      }
    } else if let ex = config.excludeModules, !ex.isEmpty, excluded == 0 {
      warnings.append(
        PeftWarning(
          .userWarning,
          "You have passed exclude_modules=\(ex.pythonDescription) but no modules were excluded. Please check that exclude_modules was set correctly."
        ))
    } else if targetsTruthy && targeted.isEmpty {
      warnings.append(
        PeftWarning(
          .runtimeWarning,
          "target_modules=\(config.targetModules?.pythonDescription ?? "None") were set but no module was matched."))
    } else if let tp = config.targetParameters, !tp.isEmpty, parameters.isEmpty {
      warnings.append(
        PeftWarning(
          .runtimeWarning, "target_parameters=\(PythonRepr.stringList(tp)) were set but no parameter was matched."))
    }
    for (name, keys) in [
      ("rank_pattern", config.rankPattern.map(\.key)), ("alpha_pattern", config.alphaPattern.map(\.key)),
    ]
    where !keys.isEmpty {
      let unmatchedKeys = Set(keys.filter { key in !targeted.contains { patternMatches(key, $0.path) } }).sorted()
      if !unmatchedKeys.isEmpty {
        warnings.append(
          PeftWarning(
            .runtimeWarning,
            "The following \(name) keys did not match any targeted module and were ignored: \(PythonRepr.stringList(unmatchedKeys))."
          ))
      }
    }
  }

  // MARK: modules_to_save

  /// Keys wrapped in a `ModulesToSaveWrapper`: plain `endswith` on each entry, outermost only.
  private func modulesToSave(_ config: LoraConfig, layers: [PlannedLayer], adapterName: String) throws(PeftError)
    -> [String]
  {
    guard let entries = config.modulesToSave, !entries.isEmpty else { return [] }
    let layerPaths = Set(layers.map(\.path))
    var out: [String] = []
    var insideWrapped: String?
    var insideTuner: String?
    for module in tree.modules where !module.path.isEmpty {
      if let w = insideWrapped, module.path.hasPrefix(w + ".") { continue }
      insideWrapped = nil
      if let t = insideTuner, module.path.hasPrefix(t + ".") { continue }
      insideTuner = context.tunerLayers[module.path] != nil ? module.path : nil
      if layerPaths.contains(module.path) || insideTuner == module.path {
        try checkAdapterInternals(module.path, entries: entries, newAdapter: adapterName, layers: layers)
      }
      guard entries.contains(where: { module.path.hasSuffix($0) }) else { continue }
      if layerPaths.contains(module.path) || insideTuner != nil {
        let cls =
          context.tunerLayers[module.path] ?? layers.first { $0.path == module.path }?.layerType ?? "lora.Linear"
        throw PeftError(
          .typeError,
          "modules_to_save cannot be applied to modules of type <class 'peft.tuners.\(Self.pythonClass(cls))'>")
      }
      if ["ModuleDict", "ModuleList", "ParameterDict", "ParameterList"].contains(module.typeName) {
        throw PeftError(
          .typeError,
          "modules_to_save cannot be applied to modules of type <class 'torch.nn.modules.container.\(module.typeName)'>"
        )
      }
      out.append(module.path)
      insideWrapped = module.path
    }
    return out
  }

  /// PEFT matches `modules_to_save` against the keys of the injected model, adapter
  /// internals included: an entry that ends one of them (`lora_A.default`) is refused.
  private func checkAdapterInternals(_ path: String, entries: [String], newAdapter: String, layers: [PlannedLayer])
    throws(PeftError)
  {
    var adapters = [newAdapter]
    if let existing = context.existingAdapterNames[path] { adapters = existing + adapters }
    let cls = context.tunerLayers[path] ?? layers.first { $0.path == path }?.layerType ?? "lora.Linear"
    for a in adapters {
      for container in ["lora_dropout", "lora_A", "lora_B"] {
        let key = path + "." + container + "." + a
        if entries.contains(where: { key.hasSuffix($0) }) {
          throw PeftError(
            .valueError,
            "You are trying to target a module with <class 'peft.utils.other.ModulesToSaveWrapper'> that is a child of <class 'peft.tuners.\(Self.pythonClass(cls))'>. This is almost certainly not the intended behavior. Please ensure that the adapter name, '\(newAdapter)', does not conflict with any of the targeted modules."
          )
        }
      }
    }
  }

  /// `lora.Linear` -> `lora.layer.Linear` (the module path PEFT prints in class reprs).
  static func pythonClass(_ cls: String) -> String {
    guard cls.hasPrefix("lora.") else { return cls }
    return "lora.layer." + cls.dropFirst(5)
  }

  // MARK: skip_frozen (lora-spec extension)

  private func planSkippingFrozen(_ requested: LoraConfig, adapterName: String, isFirst: Bool) throws(PeftError)
    -> InjectionPlan
  {
    var plain = requested
    plain.skipFrozen = false
    var scratch: [PeftWarning] = []
    var resolved = try prepare(plain, adapterName: adapterName, isFirst: isFirst, warnings: &scratch)
    let allLinear = expandAllLinear(&resolved)
    try condense(&resolved)
    let matcher = try TargetMatcher(config: resolved, allLinear: allLinear)
    let frozen = FrozenModules(context.original ?? tree)
    let decided = decide(matcher, allLinear: allLinear)
    var kept: [String] = []
    var skipped: Set<String> = []
    var reasons: [String: MatchDecision] = [:]
    for (module, decision) in decided where decision.isAdapted {
      if frozen.contains(module.path) {
        skipped.insert(module.path)
      } else {
        kept.append(module.path)
        reasons[module.path] = decision
      }
    }
    var explicit = plain
    explicit.targetModules = .names(kept)
    var result = try plan(config: explicit, adapterName: adapterName, isFirst: isFirst)
    result.requestedConfig = requested
    result.skippedFrozen = decided.map(\.0.path).filter { skipped.contains($0) }
    for i in result.decisions.indices {
      let path = result.decisions[i].path
      if skipped.contains(path) {
        result.decisions[i].decision = .skippedFrozen
      } else if let reason = reasons[path], result.decisions[i].decision.isAdapted {
        result.decisions[i].decision = reason
      }
    }
    return result
  }
}

/// PEFT's `get_pattern_key` test: `re.match(r"(.*\.)?(" + pattern + r")$", key)`.
func patternMatches(_ pattern: String, _ key: String) -> Bool {
  if !pattern.isEmpty, pattern.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
    return key == pattern || key.hasSuffix("." + pattern)
  }
  guard let regex = try? PatternCache.regex(#"(.*\.)?("# + pattern + ")$") else { return false }
  return regex.match(key) != nil
}

/// rank/alpha patterns are few; compiled ones are reused across modules.
enum PatternCache {
  private static let cache = RegexCache()

  static func regex(_ pattern: String) throws(PeftError) -> PythonRegex {
    if let hit = cache.get(pattern) { return hit }
    let compiled = try PythonRegex(pattern)
    cache.set(pattern, compiled)
    return compiled
  }
}

/// A small thread-safe cache of compiled patterns.
final class RegexCache: @unchecked Sendable {
  private var storage: [String: PythonRegex] = [:]
  private let lock = NSLockShim()

  func get(_ key: String) -> PythonRegex? { lock.withLock { storage[key] } }
  func set(_ key: String, _ value: PythonRegex) { lock.withLock { storage[key] = value } }
}
