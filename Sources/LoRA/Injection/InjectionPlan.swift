import LoRAModules

/// What injecting one adapter does to a model, decided before anything is built:
/// one decision per module, the LoRA layers to create with their rank and scaling,
/// the wrappers, the config as PEFT rewrites it, and PEFT's warnings.
///
/// Build one with ``plan(model:config:adapterName:info:)``; turn it into a model with
/// ``PeftModel/init(base:plan:)``.
public struct InjectionPlan: Hashable, Sendable {
  /// The adapter's name (`default`).
  public var adapterName: String
  /// The config as given.
  public var requestedConfig: LoraConfig
  /// The config as PEFT leaves it after injection (what `adapter_config.json` holds):
  /// `all-linear` expanded, >= 20 names condensed, `fan_in_fan_out` corrected,
  /// `modules_to_save` extended for classification tasks, `base_model_name_or_path` set;
  /// with `skip_frozen`, the explicit list of full names.
  public var config: LoraConfig
  /// One decision per module of the model (root excluded), in `named_modules()` order.
  public var decisions: [ModuleDecision]
  /// The LoRA layers to create or extend, in `named_modules()` order.
  public var layers: [PlannedLayer]
  /// Parameters wrapped through `target_parameters`, in PEFT's order.
  public var parameterLayers: [PlannedLayer]
  /// Modules wrapped in a `ModulesToSaveWrapper` (plain `endswith` on `modules_to_save`).
  public var modulesToSave: [String]
  /// PEFT's warnings, in emission order.
  public var warnings: [PeftWarning]
  /// lora-spec `skip_frozen`: matched modules left out because their base parameters were frozen.
  public var skippedFrozen: [String]

  /// `targeted_module_names` of this adapter.
  public var targetedModuleNames: [String] { layers.map(\.path) }
  /// `targeted_parameter_names` of this adapter (`lin0.weight`).
  public var targetedParameterNames: [String] { parameterLayers.compactMap(\.parameterName) }
}

/// One LoRA layer the plan creates (or one adapter added to an existing tuner layer).
public struct PlannedLayer: Hashable, Sendable {
  /// The module key that becomes the tuner layer.
  public var path: String
  /// PEFT's class: `lora.Linear`, `lora.Embedding`, `lora.Conv2d`, `lora.ParamWrapper`...
  public var layerType: String
  /// The wrapped base module's class name and kind.
  public var baseTypeName: String
  public var baseKind: ModuleKind
  /// Rank after `rank_pattern`.
  public var r: Int
  /// Alpha after `alpha_pattern`.
  public var alpha: Double
  /// `alpha / r`, or `alpha / sqrt(r)` with rsLoRA.
  public var scaling: Double
  /// Input and output features of the LoRA branch (`in_features`, `out_features`).
  public var inFeatures: Int
  public var outFeatures: Int
  /// True when the base layer is already a tuner layer (a further adapter is added).
  public var extendsExistingLayer: Bool
  /// For `target_parameters`: the wrapped parameter's key (`lin0.weight`).
  public var parameterName: String?
}

/// Plans injecting `config` as adapter `adapterName` into a plain model, as
/// `get_peft_model(model, config, adapter_name)` would.
///
/// - Parameter info: model traits beyond the tree; defaults to ``BaseModelInfo/inferred(from:modelType:)``.
/// - Throws: ``PeftError`` with PEFT's exception type and message (no module matched,
///   unsupported module type, `r <= 0`, invalid regex...).
public func plan(
  model: ModuleTree, config: LoraConfig, adapterName: String = "default", info: BaseModelInfo? = nil
) throws(PeftError) -> InjectionPlan {
  let context = PlanningContext(tree: model, info: info ?? .inferred(from: model))
  return try Planner(context: context).plan(config: config, adapterName: adapterName, isFirst: true)
}

/// Every module's decision for `config`, without raising PEFT's errors: the decisions
/// behind an error (for reports), or `nil` if the config itself is invalid.
public func explain(model: ModuleTree, config: LoraConfig, info: BaseModelInfo? = nil) -> [ModuleDecision]? {
  let context = PlanningContext(tree: model, info: info ?? .inferred(from: model))
  return try? Planner(context: context).decisions(config: config)
}

/// The model a plan runs against: its tree, traits and existing tuner layers.
struct PlanningContext {
  var tree: ModuleTree
  var info: BaseModelInfo
  /// Existing tuner layers by path, with their class (`lora.Linear`).
  var tunerLayers: [String: String] = [:]
  /// Adapter names already on each existing tuner layer.
  var existingAdapterNames: [String: [String]] = [:]
  /// Existing adapters' configs (for the one-bias-adapter rule).
  var existingConfigs: [LoraConfig] = []
  /// The tree the user gave before any injection (for `skip_frozen`).
  var original: ModuleTree?
}
