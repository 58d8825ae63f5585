import ConfigValues
import LoRAModules
import LoRANumerics

/// One Hugging Face `model_type` the catalog can build.
protocol CatalogArchitecture: SendableMetatype {
  /// The Hugging Face `model_type` (`llama`, `clip_vision_model`).
  static var modelType: String { get }
  /// transformers' config defaults for the keys that shape the tree (used for keys a
  /// `config.json` leaves out). Derived values (`head_dim`) are computed, not listed.
  static var defaults: ConfigObject { get }
  /// Small sizes laid over `defaults` when the model is built from the catalog by
  /// name, so specs stay cheap. Nested configurations use their own type's tiny values.
  static var tiny: ConfigObject { get }
  /// transformers' `attribute_map`: alias key -> canonical key (`hidden_size` -> `n_embd`).
  static var attributeMap: [String: String] { get }
  /// The transformers classes (config `architectures` values) this type can build.
  static var architectures: [String] { get }
  /// The class built when the config names none.
  static var defaultArchitecture: String { get }
  /// Whether the type is listed by `ModelCatalog.modelTypes` (sub-model configs
  /// such as `clip_vision_model` are buildable but not listed).
  static var isListed: Bool { get }
  /// Builds the tree of `architecture` from a resolved configuration.
  static func build(_ config: ModelConfig, architecture: String) throws(ModelSourceError) -> ModuleTree
}

extension CatalogArchitecture {
  static var isListed: Bool { true }
  static var attributeMap: [String: String] { [:] }
}

extension ModelConfig {
  /// An activation name from `ACT2FN`, validated.
  func activation(_ key: String, default defaultValue: String) throws(ModelSourceError) -> String {
    let name = try string(key, default: defaultValue)
    guard Activation.classNames[name] != nil else {
      let known = Activation.classNames.keys.sorted().joined(separator: ", ")
      throw error(key, "names an unknown activation \"\(name)\" (known: \(known))")
    }
    return name
  }

  /// Attention heads and head size: `head_dim` when set, else `hidden / heads`.
  func headDim(hidden: Int, heads: Int) throws(ModelSourceError) -> Int {
    if has("head_dim") { return try size("head_dim") }
    return hidden / heads
  }
}
