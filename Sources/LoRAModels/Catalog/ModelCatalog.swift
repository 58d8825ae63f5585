import ConfigValues
import LoRAModules
import LoRANumerics
import Support

/// The built-in architectures, by Hugging Face `model_type`, with the module
/// names, classes, parameter names and shapes transformers 5.24 produces.
///
/// ```swift
/// let tree = try ModelCatalog.build("llama", overrides: ["num_hidden_layers": .int(4)])
/// let bert = try ModelCatalog.build("BertForSequenceClassification")
/// let real = try ModelCatalog.build(config: hubConfigJSON, source: "config.json")  // full size
/// ```
///
/// Built by name, a model starts from tiny sizes (a few layers, hidden 32-64) that
/// every key of `overrides` can change; built from a `config.json`, missing keys take
/// transformers' own defaults. The class built is the config's `architectures[0]`, or
/// the name when it is a class name, or the type's default (`LlamaForCausalLM`,
/// `BertForSequenceClassification`, `ViTForImageClassification`, ...).
public enum ModelCatalog {
  static let entries: [any CatalogArchitecture.Type] = [
    LlamaArchitecture.self, MistralArchitecture.self, Qwen2Architecture.self, GemmaArchitecture.self,
    GPT2Architecture.self, BertArchitecture.self, T5Architecture.self, ViTArchitecture.self,
    CLIPArchitecture.self, CLIPTextArchitecture.self, CLIPVisionArchitecture.self,
    SiglipArchitecture.self, SiglipTextArchitecture.self, SiglipVisionArchitecture.self,
    LlavaArchitecture.self, Qwen2VLArchitecture.self, Qwen2VLTextArchitecture.self, Qwen2VLVisionArchitecture.self,
    WhisperArchitecture.self,
  ]

  /// The listed model types, sorted (`bert`, `clip`, `gemma`, ...).
  public static var modelTypes: [String] { entries.filter { $0.isListed }.map { $0.modelType }.sorted() }

  /// The classes a model type can build, default first; nil for an unknown type.
  public static func architectures(of modelType: String) -> [String]? {
    guard let entry = entry(modelType) else { return nil }
    return [entry.defaultArchitecture] + entry.architectures.filter { $0 != entry.defaultArchitecture }
  }

  /// Builds a catalog model by `model_type` (`llama`) or class name (`LlamaModel`),
  /// from tiny defaults with `overrides` laid over them.
  ///
  /// - Parameters:
  ///   - name: a model type or a transformers class name.
  ///   - overrides: `config.json` keys; nested objects (`text_config`) merge key by key.
  ///   - source: the input named in errors; `catalog <name>` by default.
  /// - Throws: `ModelSourceError` for an unknown name (with the closest known one),
  ///   a misspelt override key (`num_hiden_layers`), a bad value or an unsupported
  ///   architecture. Other unknown keys are ignored, as transformers ignores them.
  public static func build(_ name: String, overrides: ConfigObject = [:], source: String? = nil)
    throws(ModelSourceError) -> ModuleTree
  {
    let label = source ?? "catalog \(name)"
    guard let (entry, named) = lookup(name) else {
      throw ModelSourceError(source: label, "unknown model \"\(name)\"\(suggestion(for: name))")
    }
    try OverrideSpelling.check(overrides, source: label)
    var values = overrides
    if let named, values["architectures"] == nil { values["architectures"] = .array([.string(named)]) }
    return try build(entry: entry, values: values, tiny: true, source: label)
  }

  /// Builds the model a `config.json` describes (its `model_type`, or failing that
  /// its `architectures`), with transformers' defaults for missing keys: a Hub config
  /// builds the full-size tree (structure only, no weights).
  public static func build(config: ConfigObject, source: String) throws(ModelSourceError) -> ModuleTree {
    let top = ModelConfig(config, source: source)
    var entry: (any CatalogArchitecture.Type)?
    if let type = try top.optionalString("model_type") {
      entry = self.entry(type)
      guard entry != nil else {
        throw ModelSourceError(
          source: source,
          "model_type \"\(type)\" is not in the catalog\(suggestion(for: type)); supported: "
            + modelTypes.joined(separator: ", "))
      }
    } else if let first = config["architectures"]?.arrayValue?.first?.stringValue {
      entry = lookup(first)?.entry
    }
    guard let entry else {
      throw ModelSourceError(source: source, "no \"model_type\" in the configuration; add one (e.g. \"llama\")")
    }
    return try build(entry: entry, values: config, tiny: false, source: source)
  }

  static func build(entry: any CatalogArchitecture.Type, values: ConfigObject, tiny: Bool, source: String)
    throws(ModelSourceError) -> ModuleTree
  {
    let config = resolve(entry, values, tiny: tiny, source: source, keyPath: "")
    let architecture = try chooseArchitecture(entry, config)
    let tree = try entry.build(config, architecture: architecture)
    try SizeCheck.validate(tree, source: source)
    return tree
  }

  /// Defaults, then tiny sizes (when asked), then the given values.
  static func resolve(
    _ entry: any CatalogArchitecture.Type, _ values: ConfigObject, tiny: Bool, source: String, keyPath: String
  ) -> ModelConfig {
    var base = entry.defaults
    if tiny { base = ModelConfig.merge(base, entry.tiny) }
    var canonical = values
    for (alias, key) in entry.attributeMap {
      if let value = canonical.removeValue(forKey: alias), canonical[key] == nil { canonical[key] = value }
    }
    var config = ModelConfig(ModelConfig.merge(base, canonical), source: source, keyPath: keyPath)
    config.tinyDefaults = tiny
    return config
  }

  /// Resolves a nested configuration (`text_config`) whose type is its own
  /// `model_type` or `defaultType`.
  static func resolveNested(_ parent: ModelConfig, _ key: String, defaultType: String, allowed: [String])
    throws(ModelSourceError) -> (entry: any CatalogArchitecture.Type, config: ModelConfig)
  {
    let nested = try parent.nested(key)
    let type = try nested.optionalString("model_type") ?? defaultType
    guard allowed.contains(type), let entry = entry(type) else {
      throw parent.error(
        key + ".model_type", "\"\(type)\" is not supported here (supported: \(allowed.joined(separator: ", ")))")
    }
    let config = resolve(
      entry, nested.values, tiny: parent.tinyDefaults, source: parent.source, keyPath: nested.keyPath)
    return (entry, config)
  }

  static func chooseArchitecture(_ entry: any CatalogArchitecture.Type, _ config: ModelConfig) throws(ModelSourceError)
    -> String
  {
    guard let list = config["architectures"] else { return entry.defaultArchitecture }
    guard let names = list.arrayValue, let first = names.first else {
      guard list.arrayValue != nil else {
        throw config.error("architectures", "must be a list of class names, found \(list.jsonTypeDescription)")
      }
      return entry.defaultArchitecture
    }
    guard let name = first.stringValue else { throw config.error("architectures", "must be a list of class names") }
    guard entry.architectures.contains(name) else {
      throw config.error(
        "architectures",
        "names \"\(name)\", which the catalog cannot build for \(entry.modelType); supported: "
          + entry.architectures.joined(separator: ", "))
    }
    return name
  }

  static func entry(_ modelType: String) -> (any CatalogArchitecture.Type)? {
    entries.first { $0.modelType == modelType }
  }

  /// A model type, or a class name with its type.
  static func lookup(_ name: String) -> (entry: any CatalogArchitecture.Type, architecture: String?)? {
    if let e = entry(name) { return (e, nil) }
    let lowered = name.lowercased().replacingOccurrences(of: "-", with: "_")
    if let e = entry(lowered) { return (e, nil) }
    for e in entries where e.architectures.contains(name) { return (e, name) }
    return nil
  }

  /// A "did you mean" for a probable typo, never for another architecture's real name.
  static func suggestion(for name: String) -> String {
    if let advice = KnownModelTypes.advice(for: name) { return advice }
    let candidates = modelTypes + entries.flatMap { $0.architectures }
    return ClosestName.hint(name, among: candidates)
  }
}
