import LoRAModules

/// Why a module does or does not get a LoRA layer: PEFT's `check_target_module_exists`
/// plus the wrapping step, as an explicit value with its reason.
public enum MatchDecision: Hashable, Sendable {
  /// Targeted: a LoRA layer is created (or a further adapter added to an existing one).
  case matched(MatchRule)
  /// Excluded (PEFT's `_ExcludedModule`): counts as "excluded" in the no-match error cascade.
  case excluded(ExclusionRule)
  /// No rule selects it (PEFT's "unmatched").
  case notTargeted
  /// A suffix match vetoed by `layers_to_transform`; `index` is nil when the key has no layer index.
  case layerFiltered(index: Int?, allowed: LayersToTransform)
  /// Matched by name but PEFT cannot wrap this type: injection raises `ValueError`.
  case unsupported(typeName: String)
  /// A module inside an existing tuner layer (`x.lora_A.default`): never targeted, not counted.
  case adapterInternal(layer: String)
  /// `target_modules` is unset and only `target_parameters` are given (PEFT: no match).
  case parametersOnly
  /// `all-linear` left it out: the output embedding or a sequence-classification head.
  case allLinearOutputLayer
  /// lora-spec `skip_frozen`: matched, but all its base parameters were frozen.
  case skippedFrozen

  /// The rule that selected a matched module.
  public enum MatchRule: Hashable, Sendable {
    /// The key equals a `target_modules` entry (layer filtering is skipped).
    case exactName(String)
    /// The key ends with `"." + entry`.
    case suffix(String)
    /// The `target_modules` string fully matches the key.
    case regex(String)
    /// Selected by the `all-linear` shorthand (a Linear or Conv1D).
    case allLinear
  }

  /// What excluded a module.
  public enum ExclusionRule: Hashable, Sendable {
    /// `exclude_modules` string fully matches the key.
    case excludeRegex(String)
    /// `exclude_modules` list entry equal to the key or a `.`-suffix of it.
    case excludeName(String)
    /// The module is, or is inside, a `modules_to_save` entry.
    case modulesToSave(String)
  }

  /// PEFT's three-way outcome.
  public enum Outcome: String, Hashable, Sendable {
    case matched, excluded, unmatched, skipped
  }

  /// How PEFT's error cascade counts this decision (`skipped` = adapter internals, not counted).
  public var outcome: Outcome {
    switch self {
    case .matched, .unsupported: .matched
    case .excluded: .excluded
    case .notTargeted, .layerFiltered, .parametersOnly, .allLinearOutputLayer, .skippedFrozen: .unmatched
    case .adapterInternal: .skipped
    }
  }

  /// True when a LoRA layer is created.
  public var isAdapted: Bool {
    if case .matched = self { return true }
    return false
  }

  /// A stable machine name (`matched`, `excluded`, `not_targeted`, `layer_filtered`, ...).
  public var kind: String {
    switch self {
    case .matched: "matched"
    case .excluded: "excluded"
    case .notTargeted: "not_targeted"
    case .layerFiltered: "layer_filtered"
    case .unsupported: "unsupported"
    case .adapterInternal: "adapter_internal"
    case .parametersOnly: "parameters_only"
    case .allLinearOutputLayer: "all_linear_output_layer"
    case .skippedFrozen: "skipped_frozen"
    }
  }
}

extension MatchDecision: CustomStringConvertible {
  /// `matched by suffix "q_proj"`, `layer 5 not in layers_to_transform`, `type LayerNorm not supported`...
  public var description: String {
    switch self {
    case .matched(.exactName(let n)): "matched by exact name \"\(n)\""
    case .matched(.suffix(let s)): "matched by suffix \"\(s)\""
    case .matched(.regex(let r)): "matched by regex \"\(r)\""
    case .matched(.allLinear): "matched by all-linear"
    case .excluded(.excludeRegex(let r)): "excluded by regex \"\(r)\" (exclude_modules)"
    case .excluded(.excludeName(let n)): "excluded by name \"\(n)\" (exclude_modules)"
    case .excluded(.modulesToSave(let m)): "excluded: in modules_to_save \"\(m)\""
    case .notTargeted: "not targeted"
    case .layerFiltered(nil, _): "no layer index in the name (layers_to_transform is set)"
    case .layerFiltered(let i?, .index(let allowed)): "layer \(i) is not layers_to_transform \(allowed)"
    case .layerFiltered(let i?, .indices): "layer \(i) not in layers_to_transform"
    case .unsupported(let t): "type \(t) not supported"
    case .adapterInternal(let layer): "inside tuner layer \"\(layer)\" (adapter internals are never targeted)"
    case .parametersOnly: "not targeted (only target_parameters are set)"
    case .allLinearOutputLayer: "not targeted: output layer left out by all-linear"
    case .skippedFrozen: "skipped: base parameters frozen (skip_frozen)"
    }
  }
}

/// The decision for one module, in `named_modules()` order.
public struct ModuleDecision: Hashable, Sendable {
  /// The module key (`model.layers.0.self_attn.q_proj`).
  public var path: String
  /// The Python class name of the module.
  public var typeName: String
  /// The decision and its reason.
  public var decision: MatchDecision

  public init(path: String, typeName: String, decision: MatchDecision) {
    self.path = path
    self.typeName = typeName
    self.decision = decision
  }
}
