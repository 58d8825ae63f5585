import Foundation
import LoRANumerics

/// An `adapter_config.json` as PEFT 0.21.2 writes and reads it.
///
/// The fields are kept as JSON values, so a file read from disk is written back with
/// every key it had (including ones lora-spec does not interpret); typed accessors
/// cover what the numerics need.
public struct PeftAdapterConfig: Equatable, Sendable {
  /// Every field of the file.
  public var fields: [String: JSONValue]

  /// A config from its fields as they are.
  public init(fields: [String: JSONValue]) {
    self.fields = fields
  }

  /// The full field set `LoraConfig(...).to_dict()` gives in PEFT 0.21.2, with these values.
  /// `targetModules` are written sorted (PEFT stores a set; its order is arbitrary).
  /// `autoMapping` is what PEFT records when `task_type` is null (the model's class and
  /// Python module, e.g. `Sequential` / `torch.nn.modules.container`).
  public static func lora(
    r: Int = 8, alpha: Double = 8, targetModules: [String]? = nil, dropout: Double = 0,
    initLoraWeights: LoraInitMode = .standard, useRslora: Bool = false, useDora: Bool = false,
    fanInFanOut: Bool = false, bias: String = "none", baseModelNameOrPath: String? = nil,
    taskType: String? = nil, modulesToSave: [String]? = nil, rankPattern: [String: Int] = [:],
    alphaPattern: [String: Double] = [:], autoMapping: (baseModelClass: String, parentLibrary: String)? = nil,
    peftVersion: String = "0.21.2"
  ) -> PeftAdapterConfig {
    let initValue: JSONValue =
      switch initLoraWeights {
      case .standard: .bool(true)
      case .noReinit: .bool(false)
      case .gaussian: .string("gaussian")
      }
    let f: [String: JSONValue] = [
      "alora_invocation_tokens": .null,
      "alpha_pattern": .object(alphaPattern.mapValues { jsonNumber($0) }),
      "arrow_config": .null,
      "auto_mapping": autoMapping.map {
        .object(["base_model_class": .string($0.baseModelClass), "parent_library": .string($0.parentLibrary)])
      } ?? .null,
      "base_model_name_or_path": baseModelNameOrPath.map(JSONValue.string) ?? .null,
      "bias": .string(bias),
      "corda_config": .null,
      "ensure_weight_tying": .bool(false),
      "eva_config": .null,
      "exclude_modules": .null,
      "fan_in_fan_out": .bool(fanInFanOut),
      "inference_mode": .bool(true),
      "init_lora_weights": initValue,
      "kasa_config": .null,
      "layer_replication": .null,
      "layers_pattern": .null,
      "layers_to_transform": .null,
      "loftq_config": .object([:]),
      "lora_alpha": jsonNumber(alpha),
      "lora_bias": .bool(false),
      "lora_dropout": .double(dropout),
      "lora_ga_config": .null,
      "megatron_config": .null,
      "megatron_core": .string("megatron.core"),
      "modules_to_save": modulesToSave.map { .array($0.map(JSONValue.string)) } ?? .null,
      "monteclora_config": .null,
      "peft_type": .string("LORA"),
      "peft_version": .string(peftVersion),
      "qalora_group_size": .int(16),
      "r": .int(r),
      "rank_pattern": .object(rankPattern.mapValues(JSONValue.int)),
      "revision": .null,
      "target_modules": targetModules.map { .array($0.sorted().map(JSONValue.string)) } ?? .null,
      "target_parameters": .null,
      "task_type": taskType.map(JSONValue.string) ?? .null,
      "trainable_token_indices": .null,
      "use_bdlora": .null,
      "use_dora": .bool(useDora),
      "use_qalora": .bool(false),
      "use_rslora": .bool(useRslora),
      "velora_config": .null,
    ]
    return PeftAdapterConfig(fields: f)
  }

  /// An integral alpha is written as a Python int (`16`), otherwise as a float.
  static func jsonNumber(_ value: Double) -> JSONValue {
    if value.rounded() == value, abs(value) < 1e15 { return .int(Int(value)) }
    return .double(value)
  }

  // MARK: Reading

  /// Parses the text of an `adapter_config.json`; `file` names it in errors.
  public init(jsonText: String, file: String) throws {
    let value: JSONValue
    do {
      value = try JSONValue.parse(jsonText)
    } catch {
      throw CheckpointError(file: file, "is not valid JSON (\(error)); re-save it with PEFT's save_pretrained")
    }
    guard let object = value.objectValue else {
      throw CheckpointError(file: file, "must hold a JSON object, found \(value.typeDescription)")
    }
    self.fields = object
    if let type = fields["peft_type"]?.stringValue, type != "LORA" {
      throw CheckpointError(file: file, "peft_type is \"\(type)\"; lora-spec reads LoRA adapters only")
    }
    guard r > 0 else {
      throw CheckpointError(file: file, "`r` should be a positive integer value but the value passed is \(r)")
    }
  }

  /// Reads `adapter_config.json` from a file.
  public init(contentsOf url: URL) throws {
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw CheckpointError(file: url.path, "cannot be read (\(error.localizedDescription)); check the path")
    }
    try self.init(jsonText: text, file: url.path)
  }

  // MARK: Writing

  /// The file text PEFT's `save_pretrained` writes: `inference_mode` forced to true,
  /// `json.dumps(indent=2, sort_keys=True)`, no trailing newline.
  public var fileText: String {
    var f = fields
    f["inference_mode"] = .bool(true)
    return PythonJSONText.dumps(.object(f))
  }

  // MARK: Typed accessors

  /// `r` (8 when missing, PEFT's default).
  public var r: Int { fields["r"]?.intValue ?? 8 }
  /// `lora_alpha` (8 when missing).
  public var loraAlpha: Double { fields["lora_alpha"]?.doubleValue ?? 8 }
  /// `lora_dropout`.
  public var loraDropout: Double { fields["lora_dropout"]?.doubleValue ?? 0 }
  /// `use_rslora`.
  public var useRslora: Bool { fields["use_rslora"]?.boolValue ?? false }
  /// `use_dora`.
  public var useDora: Bool { fields["use_dora"]?.boolValue ?? false }
  /// `fan_in_fan_out`.
  public var fanInFanOut: Bool { fields["fan_in_fan_out"]?.boolValue ?? false }
  /// `base_model_name_or_path`.
  public var baseModelNameOrPath: String? { fields["base_model_name_or_path"]?.stringValue }
  /// `target_modules` as a list (a string regex gives a one-element list), or nil.
  public var targetModules: [String]? {
    switch fields["target_modules"] {
    case .string(let s): [s]
    case .array(let items): items.compactMap(\.stringValue)
    default: nil
    }
  }
  /// `init_lora_weights`, when it is one of the modes lora-spec reproduces.
  public var initMode: LoraInitMode? {
    switch fields["init_lora_weights"] {
    case .bool(let b): b ? .standard : .noReinit
    case .string("gaussian"): .gaussian
    case nil: .standard
    default: nil
    }
  }
  /// `rank_pattern` in file order is not preserved by JSON objects; keys are tried sorted.
  public var rankPattern: [(pattern: String, value: Int)] {
    (fields["rank_pattern"]?.objectValue ?? [:]).compactMap { k, v in v.intValue.map { (k, $0) } }
      .sorted { $0.pattern < $1.pattern }
  }
  /// `alpha_pattern`, keys sorted.
  public var alphaPattern: [(pattern: String, value: Double)] {
    (fields["alpha_pattern"]?.objectValue ?? [:]).compactMap { k, v in v.doubleValue.map { (k, $0) } }
      .sorted { $0.pattern < $1.pattern }
  }

  /// The rank for a module key: the first `rank_pattern` entry `p` with
  /// `re.match("(.*\.)?(p)$", key)` (PEFT ≥ 0.15), else `r`.
  public func rank(forModule key: String) -> Int {
    Self.firstMatch(rankPattern.map { ($0.pattern, $0.value) }, key: key) ?? r
  }

  /// `lora_alpha` for a module key, by `alpha_pattern` as `rank(forModule:)`.
  public func alpha(forModule key: String) -> Double {
    Self.firstMatch(alphaPattern.map { ($0.pattern, $0.value) }, key: key) ?? loraAlpha
  }

  /// `lora_alpha / r` (or `/ sqrt(r)`) for a module key.
  public func scaling(forModule key: String) -> Float {
    LoraAdapter.scaling(r: rank(forModule: key), alpha: alpha(forModule: key), useRslora: useRslora)
  }

  private static func firstMatch<V>(_ patterns: [(String, V)], key: String) -> V? {
    for (pattern, value) in patterns {
      guard let regex = try? NSRegularExpression(pattern: "^(.*\\.)?(" + pattern + ")$") else { continue }
      let range = NSRange(key.startIndex..<key.endIndex, in: key)
      if regex.firstMatch(in: key, options: [.anchored], range: range) != nil { return value }
    }
    return nil
  }
}
