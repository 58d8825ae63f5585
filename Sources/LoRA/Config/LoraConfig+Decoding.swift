import ConfigValues
import Foundation
import LoRAModels
import Support

extension LoraConfig {
  /// Decodes an `adapter_config.json` (or the same keys in YAML) and validates it as
  /// PEFT's `LoraConfig.__post_init__` does.
  ///
  /// - Throws: ``ConfigInputError`` when the text is not JSON/YAML, a field has the
  ///   wrong type, or a field is unknown (the message suggests the closest name);
  ///   ``PeftError`` for PEFT's own validation errors and for features the reference
  ///   engine does not model.
  public static func decode(_ text: String, file: String = "<input>") throws -> LoraConfig {
    try decode(try ConfigValue.parse(text, file: file), file: file)
  }

  /// Decodes and validates an already parsed value (an object of PEFT keys).
  public static func decode(_ value: ConfigValue, file: String = "<input>") throws -> LoraConfig {
    guard case .object(let entries) = value else {
      throw ConfigInputError(
        file: file, message: "a LoRA config must be a mapping of PEFT keys, got \(value.typeDescription)")
    }
    if let type = entries["peft_type"]?.stringValue, type != "LORA" {
      let place = entries.entry("peft_type")?.line.map { "\(file):\($0)" } ?? file
      throw PeftError(
        .unsupported,
        "\(place): peft_type '\(type)' is \(Self.adapterTypeName(type)), not LoRA; it is not supported by the reference engine, which models LoRA adapters only (peft_type LORA)."
      )
    }
    var config = LoraConfig()
    var reader = FieldReader(file: file)
    for entry in entries {
      reader.line = entry.line
      try config.set(entry.key, entry.value, reader)
    }
    try config.validate()
    return config
  }

  /// PEFT's name for an adapter type (`LOHA` is a LoHa adapter).
  static func adapterTypeName(_ type: String) -> String {
    let names = [
      "LOHA": "a LoHa adapter", "LOKR": "a LoKr adapter", "IA3": "an IA³ adapter", "ADALORA": "an AdaLoRA adapter",
      "OFT": "an OFT adapter", "BOFT": "a BOFT adapter", "VERA": "a VeRA adapter", "FOURIERFT": "a FourierFT adapter",
      "PROMPT_TUNING": "a prompt-tuning adapter", "PREFIX_TUNING": "a prefix-tuning adapter",
      "P_TUNING": "a p-tuning adapter", "LN_TUNING": "an LN-tuning adapter", "BONE": "a Bone adapter",
    ]
    return names[type.uppercased()] ?? "a different PEFT method"
  }

  // swiftlint:disable:next cyclomatic_complexity function_body_length
  private mutating func set(_ key: String, _ value: ConfigValue, _ r: FieldReader) throws {
    switch key {
    case "task_type": taskType = try r.optionalString(key, value)
    case "peft_type": peftType = try r.optionalString(key, value) ?? "LORA"
    case "auto_mapping": autoMapping = value
    case "peft_version": peftVersion = try r.optionalString(key, value)
    case "base_model_name_or_path": baseModelNameOrPath = try r.optionalString(key, value)
    case "revision": revision = try r.optionalString(key, value)
    case "inference_mode": inferenceMode = try r.bool(key, value)
    case "r": self.r = try r.int(key, value)
    case "target_modules": targetModules = try r.targetModules(key, value)
    case "exclude_modules": excludeModules = try r.targetModules(key, value)
    case "lora_alpha": loraAlpha = try r.number(key, value)
    case "lora_dropout": loraDropout = try r.number(key, value).doubleValue
    case "fan_in_fan_out": fanInFanOut = try r.bool(key, value)
    case "bias":
      let text = try r.string(key, value)
      guard let parsed = LoraBias(rawValue: text) else {
        throw PeftError(.notImplementedError, "Requested bias: \(text), is not implemented.")
      }
      bias = parsed
    case "use_rslora": useRslora = try r.bool(key, value)
    case "modules_to_save": modulesToSave = try r.optionalStringList(key, value)
    case "init_lora_weights":
      switch value {
      case .bool(let b): initLoraWeights = .bool(b)
      case .string(let s): initLoraWeights = .method(s)
      default: throw r.typeError(key, value, expected: "true, false or a method name such as \"gaussian\"")
      }
    case "layers_to_transform":
      switch value {
      case .null: layersToTransform = nil
      case .int(let i): layersToTransform = .index(i)
      case .array: layersToTransform = .indices(try r.intList(key, value))
      default: throw r.typeError(key, value, expected: "an integer or a list of integers")
      }
    case "layers_pattern":
      switch value {
      case .null: layersPattern = nil
      case .string(let s): layersPattern = .single(s)
      case .array: layersPattern = .list(try r.stringList(key, value))
      default: throw r.typeError(key, value, expected: "a string or a list of strings")
      }
    case "rank_pattern":
      rankPattern = try r.pattern(key, value) { v in
        if case .int(let i) = v { return i }
        return nil
      }
    case "alpha_pattern":
      alphaPattern = try r.pattern(key, value) { v in
        switch v {
        case .int(let i): .int(i)
        case .double(let d): .float(d)
        default: nil
        }
      }
    case "use_dora": useDora = try r.bool(key, value)
    case "lora_bias": loraBias = try r.bool(key, value)
    case "target_parameters":
      if case .string = value { throw PeftError(.typeError, "`target_parameters` must be a list of strings or None.") }
      targetParameters = try r.optionalStringList(key, value)
    case "skip_frozen": skipFrozen = try r.bool(key, value)
    case "runtime_config": break  // PEFT ignores it on load (runtime-only)
    default:
      if Self.unmodelledDefaults[key] != nil {
        unmodelled[key] = value
      } else {
        throw r.unknownField(key)
      }
    }
  }
}

/// Typed access to config values with errors naming the file, line and field.
struct FieldReader {
  var file: String
  var line: Int?

  init(file: String) { self.file = file }

  func error(_ message: String) -> ConfigInputError { ConfigInputError(file: file, line: line, message: message) }

  func typeError(_ key: String, _ value: ConfigValue, expected: String) -> ConfigInputError {
    error("field '\(key)' must be \(expected), got \(value.typeDescription)")
  }

  func unknownField(_ key: String) -> ConfigInputError {
    let known = LoraConfig.peftFieldNames + LoraConfig.extensionFieldNames
    if let best = ClosestName.match(key, among: known) {
      return error("unknown field '\(key)' in the LoRA config; \(ClosestName.phrase(best))")
    }
    return error("unknown field '\(key)' in the LoRA config (PEFT 0.21 LoraConfig has no such field)")
  }

  func bool(_ key: String, _ value: ConfigValue) throws(ConfigInputError) -> Bool {
    guard case .bool(let b) = value else { throw typeError(key, value, expected: "true or false") }
    return b
  }

  func int(_ key: String, _ value: ConfigValue) throws(ConfigInputError) -> Int {
    guard case .int(let i) = value else { throw typeError(key, value, expected: "an integer") }
    return i
  }

  func number(_ key: String, _ value: ConfigValue) throws(ConfigInputError) -> PyNumber {
    switch value {
    case .int(let i): return .int(i)
    case .double(let d): return .float(d)
    default: throw typeError(key, value, expected: "a number")
    }
  }

  func string(_ key: String, _ value: ConfigValue) throws(ConfigInputError) -> String {
    guard case .string(let s) = value else { throw typeError(key, value, expected: "a string") }
    return s
  }

  func optionalString(_ key: String, _ value: ConfigValue) throws(ConfigInputError) -> String? {
    if case .null = value { return nil }
    return try string(key, value)
  }

  func stringList(_ key: String, _ value: ConfigValue) throws(ConfigInputError) -> [String] {
    guard case .array(let items) = value else { throw typeError(key, value, expected: "a list of strings") }
    var out: [String] = []
    for item in items {
      guard case .string(let s) = item else {
        throw typeError(key, item, expected: "a list of strings (an item is not a string)")
      }
      out.append(s)
    }
    return out
  }

  func optionalStringList(_ key: String, _ value: ConfigValue) throws(ConfigInputError) -> [String]? {
    if case .null = value { return nil }
    return try stringList(key, value)
  }

  func intList(_ key: String, _ value: ConfigValue) throws(ConfigInputError) -> [Int] {
    guard case .array(let items) = value else { throw typeError(key, value, expected: "a list of integers") }
    var out: [Int] = []
    for item in items {
      guard case .int(let i) = item else {
        throw typeError(key, item, expected: "a list of integers (an item is not an integer)")
      }
      out.append(i)
    }
    return out
  }

  func targetModules(_ key: String, _ value: ConfigValue) throws(ConfigInputError) -> TargetModules? {
    switch value {
    case .null: return nil
    case .string(let s): return .regex(s)
    case .array: return .list(try stringList(key, value))
    default: throw typeError(key, value, expected: "a list of module names or one regular expression string")
    }
  }

  func pattern<V>(_ key: String, _ value: ConfigValue, _ convert: (ConfigValue) -> V?) throws(ConfigInputError)
    -> [PatternEntry<V>]
  {
    switch value {
    case .null: return []
    case .object(let entries):
      var out: [PatternEntry<V>] = []
      for entry in entries {
        guard let v = convert(entry.value) else {
          throw ConfigInputError(
            file: file, line: entry.line ?? line,
            message: "field '\(key)' maps '\(entry.key)' to \(entry.value.typeDescription); values must be numbers")
        }
        out.append(PatternEntry(entry.key, v))
      }
      return out
    default: throw typeError(key, value, expected: "a mapping from module-name patterns to numbers")
    }
  }
}
