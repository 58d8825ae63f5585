import LoRAModules

/// A model with LoRA adapters injected, as PEFT's `PeftModel` holds it: the module tree
/// with PEFT's names (`q_proj.base_layer`, `q_proj.lora_A.default`...), the tuner layers,
/// `modules_to_save` wrappers, adapter configs and the active adapter.
///
/// A value: every operation returns or mutates a copy. Paths are relative to the base
/// model (PEFT's `named_parameters()` on a `PeftModel` prefixes them with
/// ``PeftModel/namePrefix``).
public struct PeftModel: Hashable, Sendable {
  /// The model as given, before any injection (its `requires_grad` flags are the user's).
  public let base: ModuleTree
  /// Model traits used for planning.
  public let info: BaseModelInfo
  /// The current tree: PEFT's module and parameter names, shapes and `requires_grad`.
  public internal(set) var tree: ModuleTree
  /// Adapters by name, in the order they were added, each with its config as PEFT rewrote it.
  public internal(set) var adapters: [Adapter]
  /// The model-level active adapter(s) (`PeftModel.active_adapters`).
  public internal(set) var activeAdapters: [String]
  /// Tuner layers (`lora.Linear`, `lora.Embedding`...), in `named_modules()` order.
  public internal(set) var layers: [TunerLayer]
  /// `ModulesToSaveWrapper`s, in `named_modules()` order.
  public internal(set) var wrappers: [ModulesToSaveWrapper]
  /// `targeted_module_names`: unique across adapters, first-seen order.
  public internal(set) var targetedModuleNames: [String]
  /// `targeted_parameter_names`.
  public internal(set) var targetedParameterNames: [String]
  /// The role of the parameters of every non-base module, by module path (kept in step with `tree`).
  var roles: [String: ParameterRole]

  /// The prefix PEFT's `PeftModel.named_parameters()` adds: `base_model.model.`.
  public static let namePrefix = "base_model.model."

  /// One adapter: its name and the config PEFT keeps for it.
  public struct Adapter: Hashable, Sendable {
    public var name: String
    public var config: LoraConfig
    /// The plan that injected it.
    public var plan: InjectionPlan
  }

  /// The config of an adapter, or nil.
  public func config(of adapter: String) -> LoraConfig? { adapters.first { $0.name == adapter }?.config }

  /// The names of all adapters, in the order added.
  public var adapterNames: [String] { adapters.map(\.name) }
}

/// A LoRA layer wrapping one base module.
public struct TunerLayer: Hashable, Sendable {
  /// The module key (`model.layers.0.self_attn.q_proj`).
  public var path: String
  /// `lora.Linear`, `lora.Embedding`, `lora.Conv2d`, `lora.ParamWrapper`...
  public var layerType: String
  /// The wrapped module's class and kind (`Linear`, `.linear(...)`).
  public var baseTypeName: String
  public var baseKind: ModuleKind
  /// Per adapter, in the order added.
  public var adapters: [LayerAdapter]
  /// The layer's own active adapters (may name adapters the layer does not have).
  public var activeAdapters: [String]
  /// Merged adapters, in merge order.
  public var mergedAdapters: [String] = []
  /// `disable_adapters`.
  public var disabled: Bool = false

  /// The adapter named `name`, if the layer has it.
  public func adapter(_ name: String) -> LayerAdapter? { adapters.first { $0.name == name } }
}

/// One adapter's hyper-parameters on one layer.
public struct LayerAdapter: Hashable, Sendable {
  public var name: String
  public var r: Int
  public var alpha: Double
  /// `alpha / r`, or `alpha / sqrt(r)` with rsLoRA.
  public var scaling: Double
  public var inFeatures: Int
  public var outFeatures: Int
  public var dropout: Double
  public var useDora: Bool
  public var loraBias: Bool
  public var fanInFanOut: Bool
  public var initLoraWeights: InitLoraWeights
  /// For `lora.ParamWrapper`: the wrapped parameter's local name (`weight`).
  public var parameterName: String?
}

/// A `ModulesToSaveWrapper`: `original_module` plus one trainable copy per adapter.
public struct ModulesToSaveWrapper: Hashable, Sendable {
  public var path: String
  /// Adapters with a copy, in the order added.
  public var adapters: [String]
  /// The active copy (at most one), or nil (`original_module` is used).
  public var activeAdapter: String?
  public var disabled: Bool = false
}

/// What a parameter of the tree belongs to (base parameters have no entry).
enum ParameterRole: Hashable, Sendable {
  /// A LoRA weight of `adapter` on the tuner layer at `layer`.
  case lora(layer: String, adapter: String)
  /// A `lora_embedding_A/B` ParameterDict of the tuner layer at `layer`: each parameter is named after its adapter.
  case loraDict(layer: String)
  /// The `modules_to_save` copy of `adapter` in the wrapper at `wrapper`.
  case copy(wrapper: String, adapter: String)
  /// Inside `original_module` of the wrapper.
  case original(wrapper: String)
}

extension PeftModel {
  /// The role of parameter `p` of `module` (nil for base-model parameters).
  func role(_ module: Module, _ p: Parameter) -> ParameterRole? {
    switch roles[module.path] {
    case .loraDict(let layer)?: .lora(layer: layer, adapter: p.name)
    case let r: r
    }
  }
}
