import ConfigValues
import LoRANumerics

/// A Hugging Face model configuration (the object in `config.json`), with typed
/// reads that fail with a message naming the file and the key.
///
/// Nested configurations (`text_config`, `vision_config`) are read with `nested(_:)`;
/// their keys are reported with the dotted prefix (`text_config.hidden_size`).
struct ModelConfig: Hashable, Sendable {
  /// The raw values.
  var values: ConfigObject
  /// The input named in errors (`config.json`, `catalog llama`).
  var source: String
  /// Dotted prefix of this (nested) configuration, `""` at the top.
  var keyPath: String
  /// Whether nested configurations also start from the catalog's tiny sizes.
  var tinyDefaults = false

  init(_ values: ConfigObject, source: String, keyPath: String = "") {
    self.values = values
    self.source = source
    self.keyPath = keyPath
  }

  /// The value for `key`, nil when missing or `null`.
  subscript(key: String) -> ConfigValue? {
    guard let v = values[key], v != .null else { return nil }
    return v
  }

  /// True when `key` is present and not `null`.
  func has(_ key: String) -> Bool { self[key] != nil }

  func error(_ key: String, _ message: String) -> ModelSourceError {
    var error = ModelSourceError(source: source, "\(qualified(key)) \(message)")
    error.key = qualified(key)
    return error
  }

  func qualified(_ key: String) -> String { keyPath.isEmpty ? key : keyPath + "." + key }

  /// An integer value, `nil` when missing or null.
  func optionalInt(_ key: String) throws(ModelSourceError) -> Int? {
    guard let v = self[key] else { return nil }
    guard let i = v.intValue else { throw error(key, "must be an integer, found \(v.jsonTypeDescription)") }
    return i
  }

  /// An integer value, or `defaultValue` when missing or null.
  func int(_ key: String, default defaultValue: Int) throws(ModelSourceError) -> Int {
    try optionalInt(key) ?? defaultValue
  }

  /// A required integer in `range` (sizes: at least 1 by default).
  func size(_ key: String, default defaultValue: Int? = nil, in range: ClosedRange<Int> = 1...Int(Int32.max))
    throws(ModelSourceError) -> Int
  {
    guard let value = try optionalInt(key) ?? defaultValue else {
      throw error(key, "is missing; add it to the configuration")
    }
    guard range.contains(value) else {
      throw error(key, "must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
    }
    return value
  }

  /// A boolean value, or `defaultValue` when missing or null.
  func bool(_ key: String, default defaultValue: Bool) throws(ModelSourceError) -> Bool {
    guard let v = self[key] else { return defaultValue }
    guard let b = v.boolValue else { throw error(key, "must be true or false, found \(v.jsonTypeDescription)") }
    return b
  }

  /// A boolean value, `nil` when missing or null.
  func optionalBool(_ key: String) throws(ModelSourceError) -> Bool? {
    guard let v = self[key] else { return nil }
    guard let b = v.boolValue else { throw error(key, "must be true or false, found \(v.jsonTypeDescription)") }
    return b
  }

  /// A string value, or `defaultValue` when missing or null.
  func string(_ key: String, default defaultValue: String) throws(ModelSourceError) -> String {
    try optionalString(key) ?? defaultValue
  }

  /// A string value, `nil` when missing or null.
  func optionalString(_ key: String) throws(ModelSourceError) -> String? {
    guard let v = self[key] else { return nil }
    guard let s = v.stringValue else { throw error(key, "must be a string, found \(v.jsonTypeDescription)") }
    return s
  }

  /// A nested configuration object (`text_config`); empty when missing or null.
  func nested(_ key: String) throws(ModelSourceError) -> ModelConfig {
    var nested = ModelConfig([:], source: source, keyPath: qualified(key))
    nested.tinyDefaults = tinyDefaults
    guard let v = self[key] else { return nested }
    guard let o = v.objectValue else { throw error(key, "must be an object, found \(v.jsonTypeDescription)") }
    nested.values = o
    return nested
  }

  /// The number of labels of a classification head: `num_labels`, else the size
  /// of `id2label`, else 2 (transformers' default).
  func numLabels() throws(ModelSourceError) -> Int {
    if let n = try optionalInt("num_labels") {
      guard n >= 0 else { throw error("num_labels", "must not be negative") }
      return n
    }
    if let map = self["id2label"]?.objectValue { return map.count }
    return 2
  }

  /// `self` with `other`'s keys laid over it; nested objects merge key by key.
  func merging(_ other: ConfigObject) -> ModelConfig {
    var merged = ModelConfig(Self.merge(values, other), source: source, keyPath: keyPath)
    merged.tinyDefaults = tinyDefaults
    return merged
  }

  /// Deep merge: objects merge recursively, anything else in `top` replaces `base`.
  static func merge(_ base: ConfigObject, _ top: ConfigObject) -> ConfigObject {
    var out = base
    for entry in top {
      if case .object(let upper) = entry.value, case .object(let lower)? = out[entry.key] {
        out[entry.key] = .object(merge(lower, upper))
      } else {
        out[entry.key] = entry.value
      }
    }
    return out
  }
}
