/// A model's module tree as the site draws it: every module with its type, whether it got a LoRA
/// adapter, whether its base weights were frozen before injection, and parameter counts.
///
/// Modules are listed flat by dotted path (`model.layers.0.self_attn.q_proj`); missing ancestors
/// are implied. The engine fills it from the injected model.
public struct TreeView: Sendable, Equatable {
  /// The model's name or architecture, shown as the picture's title.
  public var title: String
  /// Every module, parents before children is not required.
  public var modules: [Module]
  /// Trainable parameters of the whole model after injection.
  public var trainableParameters: Int?
  /// All parameters of the whole model after injection.
  public var totalParameters: Int?

  /// A tree.
  public init(title: String, modules: [Module], trainableParameters: Int? = nil, totalParameters: Int? = nil) {
    self.title = title
    self.modules = modules
    self.trainableParameters = trainableParameters
    self.totalParameters = totalParameters
  }

  /// One module.
  public struct Module: Sendable, Equatable {
    /// Dotted path from the root.
    public var path: String
    /// Class name (`Linear`, `Embedding`, `LlamaDecoderLayer`).
    public var type: String
    /// A LoRA adapter was injected here.
    public var adapted: Bool
    /// The base weights were frozen (before injection, by the user).
    public var frozen: Bool
    /// Trainable parameters directly in this module (LoRA weights after injection).
    public var trainableParameters: Int
    /// All parameters directly in this module.
    public var totalParameters: Int

    /// A module.
    public init(
      path: String, type: String, adapted: Bool = false, frozen: Bool = false, trainableParameters: Int = 0,
      totalParameters: Int = 0
    ) {
      self.path = path
      self.type = type
      self.adapted = adapted
      self.frozen = frozen
      self.trainableParameters = trainableParameters
      self.totalParameters = totalParameters
    }

    /// How the picture styles the module.
    public var status: TreeModuleStatus {
      switch (adapted, frozen) {
      case (true, true): .adaptedFrozen
      case (true, false): .adapted
      case (false, true): .frozen
      case (false, false): .plain
      }
    }
  }
}

/// The four styles of the tree picture, each with its legend label.
public enum TreeModuleStatus: String, Sendable, CaseIterable {
  /// Adapted, base trainable before injection.
  case adapted
  /// Adapted although its base was frozen before injection (the seed's surprise).
  case adaptedFrozen = "adapted-frozen"
  /// Frozen before injection, not adapted.
  case frozen
  /// Neither.
  case plain

  /// The legend text.
  public var label: String {
    switch self {
    case .adapted: "LoRA adapter"
    case .adaptedFrozen: "LoRA on a frozen module"
    case .frozen: "frozen, no adapter"
    case .plain: "not adapted"
    }
  }

  /// The short tag written on the module's box (so the picture reads without colour).
  public var tag: String {
    switch self {
    case .adapted: "LoRA"
    case .adaptedFrozen: "LoRA·frozen"
    case .frozen: "frozen"
    case .plain: ""
    }
  }
}
