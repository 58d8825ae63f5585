/// PEFT's parameter names: in memory (`base_model.model.lin0.lora_A.default.weight`) and
/// in `adapter_model.safetensors` (`base_model.model.lin0.lora_A.weight`).
public enum PeftStateDictKeys {
  /// The prefix `PeftModel` puts before the original model's names.
  public static let modelPrefix = "base_model.model."

  /// The saved key of an adapter tensor of the module at `modulePath`:
  /// `lora_A`/`lora_B` keep `.weight`, Embedding factors have none, DoRA's magnitude drops it.
  public static func savedKey(modulePath: String, tensor: AdapterTensorKind) -> String {
    modelPrefix + (modulePath.isEmpty ? "" : modulePath + ".") + tensor.savedSuffix
  }

  /// `get_peft_model_state_dict`'s renaming (≥ 0.18: only the adapter segment is removed):
  /// `…lora_A.<adapter>.weight` → `…lora_A.weight`; `…lora_embedding_A.<adapter>` →
  /// `…lora_embedding_A`; `…lora_magnitude_vector.<adapter>.weight` → `…lora_magnitude_vector`.
  /// Returns nil for names that are not this adapter's tensors.
  public static func savedKey(inMemoryName name: String, adapter: String) -> String? {
    var parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    if parts.count >= 2, parts[parts.count - 1] == adapter,
      ["lora_embedding_A", "lora_embedding_B"].contains(parts[parts.count - 2])
    {
      parts.removeLast()
      return parts.joined(separator: ".")
    }
    if parts.count >= 3, parts[parts.count - 2] == adapter, parts[parts.count - 1] == "weight" {
      let kind = parts[parts.count - 3]
      if kind == "lora_magnitude_vector" {
        parts.removeLast(2)
        return parts.joined(separator: ".")
      }
      if kind == "lora_A" || kind == "lora_B" {
        parts.remove(at: parts.count - 2)
        return parts.joined(separator: ".")
      }
    }
    return nil
  }

  /// Splits a saved key into its module path (without `base_model.model.`) and tensor kind;
  /// nil for keys that are not LoRA tensors (`modules_to_save` copies, biases).
  public static func parse(savedKey key: String) -> (modulePath: String, tensor: AdapterTensorKind)? {
    var rest = Substring(key)
    if rest.hasPrefix(modelPrefix) { rest = rest.dropFirst(modelPrefix.count) }
    for kind in AdapterTensorKind.allCases {
      let suffix = kind.savedSuffix
      if rest == suffix { return ("", kind) }
      if rest.hasSuffix("." + suffix) { return (String(rest.dropLast(suffix.count + 1)), kind) }
    }
    return nil
  }
}

/// The tensors an adapter saves per module.
public enum AdapterTensorKind: String, CaseIterable, Sendable {
  case loraA, loraB, embeddingA, embeddingB, magnitude

  /// The end of the saved key.
  public var savedSuffix: String {
    switch self {
    case .loraA: "lora_A.weight"
    case .loraB: "lora_B.weight"
    case .embeddingA: "lora_embedding_A"
    case .embeddingB: "lora_embedding_B"
    case .magnitude: "lora_magnitude_vector"
    }
  }
}
