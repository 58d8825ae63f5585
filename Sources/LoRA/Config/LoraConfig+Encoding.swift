extension LoraConfig {
  /// The config as PEFT's `save_pretrained` writes `adapter_config.json`:
  /// `json.dumps(indent=2, sort_keys=True)`, sets as lists, `runtime_config` dropped,
  /// lora-spec extensions (`skip_frozen`) never written.
  ///
  /// - Parameter savedForInference: PEFT forces `inference_mode` to `true` in saved
  ///   files (the default); pass false to write the in-memory value.
  public func adapterConfigJSON(savedForInference: Bool = true) -> String {
    PythonJSON.dumps(.object(adapterConfigEntries(savedForInference: savedForInference)))
  }

  /// The saved keys and values, sorted by key.
  public func adapterConfigEntries(savedForInference: Bool = true) -> [ConfigEntry] {
    var fields: [String: ConfigValue] = unmodelled
    fields["task_type"] = taskType.map(ConfigValue.string) ?? .null
    fields["peft_type"] = .string(peftType)
    fields["auto_mapping"] = autoMapping
    fields["peft_version"] = peftVersion.map(ConfigValue.string) ?? .null
    fields["base_model_name_or_path"] = baseModelNameOrPath.map(ConfigValue.string) ?? .null
    fields["revision"] = revision.map(ConfigValue.string) ?? .null
    fields["inference_mode"] = .bool(savedForInference ? true : inferenceMode)
    fields["r"] = .int(r)
    fields["target_modules"] = Self.value(targetModules)
    fields["exclude_modules"] = Self.value(excludeModules)
    fields["lora_alpha"] = Self.value(loraAlpha)
    fields["lora_dropout"] = .double(loraDropout)
    fields["fan_in_fan_out"] = .bool(fanInFanOut)
    fields["bias"] = .string(bias.rawValue)
    fields["use_rslora"] = .bool(useRslora)
    fields["modules_to_save"] = modulesToSave.map { .array($0.map(ConfigValue.string)) } ?? .null
    switch initLoraWeights {
    case .bool(let b): fields["init_lora_weights"] = .bool(b)
    case .method(let m): fields["init_lora_weights"] = .string(m)
    }
    switch layersToTransform {
    case nil: fields["layers_to_transform"] = .null
    case .index(let i): fields["layers_to_transform"] = .int(i)
    case .indices(let l): fields["layers_to_transform"] = .array(l.map(ConfigValue.int))
    }
    switch layersPattern {
    case nil: fields["layers_pattern"] = .null
    case .single(let s): fields["layers_pattern"] = .string(s)
    case .list(let l): fields["layers_pattern"] = .array(l.map(ConfigValue.string))
    }
    fields["rank_pattern"] = .object(rankPattern.map { ConfigEntry(key: $0.key, value: .int($0.value)) })
    fields["alpha_pattern"] = .object(alphaPattern.map { ConfigEntry(key: $0.key, value: Self.value($0.value)) })
    fields["use_dora"] = .bool(useDora)
    fields["lora_bias"] = .bool(loraBias)
    fields["target_parameters"] = targetParameters.map { .array($0.map(ConfigValue.string)) } ?? .null
    return fields.keys.sorted().compactMap { key in fields[key].map { ConfigEntry(key: key, value: $0) } }
  }

  private static func value(_ t: TargetModules?) -> ConfigValue {
    switch t {
    case nil: .null
    case .names(let n): .array(n.map(ConfigValue.string))
    case .regex(let s): .string(s)
    }
  }

  private static func value(_ n: PyNumber) -> ConfigValue {
    switch n {
    case .int(let i): .int(i)
    case .float(let d): .double(d)
    }
  }
}

/// Python's `json.dumps(value, indent=2)` (object keys are written in the order given;
/// `ensure_ascii=True`, floats as `repr(float)`, `NaN`/`Infinity` as Python writes them).
public enum PythonJSON {
  /// The JSON text, no trailing newline (as PEFT writes the file).
  public static func dumps(_ value: ConfigValue, indent: Int = 2) -> String {
    var out = ""
    write(value, level: 0, indent: indent, into: &out)
    return out
  }

  private static func write(_ value: ConfigValue, level: Int, indent: Int, into out: inout String) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d):
      if d.isNaN {
        out += "NaN"
      } else if d.isInfinite {
        out += d < 0 ? "-Infinity" : "Infinity"
      } else {
        out += PythonRepr.float(d)
      }
    case .string(let s): out += quoted(s)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (i, item) in items.enumerated() {
        out += i == 0 ? "\n" : ",\n"
        out += String(repeating: " ", count: (level + 1) * indent)
        write(item, level: level + 1, indent: indent, into: &out)
      }
      out += "\n" + String(repeating: " ", count: level * indent) + "]"
    case .object(let entries):
      if entries.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (i, entry) in entries.enumerated() {
        out += i == 0 ? "\n" : ",\n"
        out += String(repeating: " ", count: (level + 1) * indent)
        out += quoted(entry.key) + ": "
        write(entry.value, level: level + 1, indent: indent, into: &out)
      }
      out += "\n" + String(repeating: " ", count: level * indent) + "}"
    }
  }

  /// A JSON string literal with Python's `ensure_ascii` escaping.
  public static func quoted(_ s: String) -> String {
    var out = "\""
    for unit in s.utf16 {
      switch unit {
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x09: out += "\\t"
      case 0x08: out += "\\b"
      case 0x0C: out += "\\f"
      case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
      default:
        let hex = String(unit, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      }
    }
    return out + "\""
  }
}
