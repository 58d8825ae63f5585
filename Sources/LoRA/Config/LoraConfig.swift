import ConfigValues

/// A LoRA adapter configuration: every field of PEFT 0.21's `adapter_config.json`
/// with PEFT's defaults, plus the lora-spec extension `skipFrozen`.
///
/// Decode with ``LoraConfig/decode(_:file:)`` (JSON or YAML text) and write back with
/// ``LoraConfig/adapterConfigJSON(savedForInference:)``. Fields the reference engine
/// does not model are kept verbatim in ``unmodelled`` and must hold their PEFT
/// defaults (anything else is a ``PeftError`` of kind `.unsupported`).
public struct LoraConfig: Hashable, Sendable {
  // MARK: PeftConfig base fields
  /// `task_type`: `SEQ_CLS`, `CAUSAL_LM`... or nil.
  public var taskType: String?
  /// `peft_type`; always `LORA`.
  public var peftType: String = "LORA"
  /// `auto_mapping`, kept verbatim.
  public var autoMapping: ConfigValue = .null
  /// `peft_version`; PEFT fills in its own version when a config is created.
  public var peftVersion: String? = LoraConfig.peftVersionReproduced
  /// `base_model_name_or_path`.
  public var baseModelNameOrPath: String?
  /// `revision`.
  public var revision: String?
  /// `inference_mode`: adapters are created frozen when true.
  public var inferenceMode: Bool = false

  // MARK: LoRA fields the engine models
  /// `r`, the rank.
  public var r: Int = 8
  /// `target_modules`: nil means the architecture default.
  public var targetModules: TargetModules?
  /// `exclude_modules`.
  public var excludeModules: TargetModules?
  /// `lora_alpha`.
  public var loraAlpha: PyNumber = .int(8)
  /// `lora_dropout`.
  public var loraDropout: Double = 0
  /// `fan_in_fan_out`.
  public var fanInFanOut: Bool = false
  /// `bias`.
  public var bias: LoraBias = .none
  /// `use_rslora`: scaling is `alpha / sqrt(r)` instead of `alpha / r`.
  public var useRslora: Bool = false
  /// `modules_to_save`.
  public var modulesToSave: [String]?
  /// `init_lora_weights`.
  public var initLoraWeights: InitLoraWeights = .bool(true)
  /// `layers_to_transform`.
  public var layersToTransform: LayersToTransform?
  /// `layers_pattern`.
  public var layersPattern: LayersPattern?
  /// `rank_pattern`, in file order (first match wins).
  public var rankPattern: [PatternEntry<Int>] = []
  /// `alpha_pattern`, in file order (first match wins).
  public var alphaPattern: [PatternEntry<PyNumber>] = []
  /// `use_dora`.
  public var useDora: Bool = false
  /// `lora_bias`: `lora_B` gets a bias.
  public var loraBias: Bool = false
  /// `target_parameters`.
  public var targetParameters: [String]?

  // MARK: Fields kept verbatim
  /// Fields the engine does not model (`loftq_config`, `eva_config`, `megatron_core`...),
  /// by JSON key, holding their PEFT defaults or, for pass-through fields, any value.
  public var unmodelled: [String: ConfigValue] = LoraConfig.unmodelledDefaults

  // MARK: lora-spec extensions (never written to adapter_config.json)
  /// `skip_frozen` (lora-spec extension): resolve the matched modules, drop those whose
  /// base parameters are all frozen, and use the remaining full names as an explicit
  /// `target_modules` list, which real PEFT accepts.
  public var skipFrozen: Bool = false

  /// A configuration with PEFT's defaults.
  public init() {}

  /// The PEFT release whose behaviour the engine reproduces.
  public static let peftVersionReproduced = "0.21.2"
}

/// `target_modules` / `exclude_modules`: a list of names (exact or `.`-suffix), or one
/// regular expression that must match the whole dotted module name.
public enum TargetModules: Hashable, Sendable {
  /// Names in first-seen order, duplicates removed (PEFT turns the list into a set).
  case names([String])
  /// A Python regular expression, `re.fullmatch`ed against the full key.
  case regex(String)

  /// Builds `.names` with duplicates removed, keeping first-seen order.
  public static func list(_ names: [String]) -> TargetModules {
    var seen = Set<String>()
    return .names(names.filter { seen.insert($0).inserted })
  }

  /// True when this is the `all-linear` shorthand (a string, any case).
  public var isAllLinear: Bool {
    if case .regex(let s) = self { return s.lowercased() == "all-linear" }
    return false
  }

  /// True for an empty list (`target_modules=[]`) — Python's falsy value.
  public var isEmpty: Bool {
    switch self {
    case .names(let n): n.isEmpty
    case .regex(let s): s.isEmpty
    }
  }

  /// Python's `str()` of the value: a set repr `{'q_proj', 'v_proj'}` (in stored order;
  /// Python's own order is hash-dependent) or the string itself.
  public var pythonDescription: String {
    switch self {
    case .names(let n): PythonRepr.set(n)
    case .regex(let s): s
    }
  }
}

/// An integer or a float, as Python keeps them (`8` vs `8.0` in the saved JSON).
public enum PyNumber: Hashable, Sendable {
  case int(Int)
  case float(Double)

  /// The value as a Double.
  public var doubleValue: Double {
    switch self {
    case .int(let i): Double(i)
    case .float(let d): d
    }
  }
}

/// `bias`: which biases are trained.
public enum LoraBias: String, Hashable, Sendable, CaseIterable {
  case none
  case all
  case loraOnly = "lora_only"
}

/// `init_lora_weights`: `true`, `false`, or a method name (`"gaussian"`).
public enum InitLoraWeights: Hashable, Sendable {
  case bool(Bool)
  case method(String)
}

/// `layers_to_transform`: one layer index or a list.
public enum LayersToTransform: Hashable, Sendable {
  case index(Int)
  case indices([Int])

  /// Python's `str()`: `3` or `[0, 1]`.
  public var pythonDescription: String {
    switch self {
    case .index(let i): String(i)
    case .indices(let list): PythonRepr.list(list.map(String.init))
    }
  }
}

/// `layers_pattern`: one regex fragment or a list tried in order.
public enum LayersPattern: Hashable, Sendable {
  case single(String)
  case list([String])

  /// The patterns in order (`""` and `[]` give none).
  public var patterns: [String] {
    switch self {
    case .single(let s): s.isEmpty ? [] : [s]
    case .list(let l): l
    }
  }

  /// Python's `str()`: `layers` or `['h', 'layers']`.
  public var pythonDescription: String {
    switch self {
    case .single(let s): s
    case .list(let l): PythonRepr.list(l.map(PythonRepr.string))
    }
  }
}

/// One `rank_pattern` / `alpha_pattern` entry.
public struct PatternEntry<Value: Hashable & Sendable>: Hashable, Sendable {
  public var key: String
  public var value: Value

  public init(_ key: String, _ value: Value) {
    self.key = key
    self.value = value
  }
}
