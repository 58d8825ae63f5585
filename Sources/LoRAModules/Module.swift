/// One entry of `named_modules()`: a dotted path, a Python class name, a kind and
/// the module's own (direct) parameters.
///
/// The root module has the empty path `""`. `typeName` is the class name transformers
/// uses (`LlamaDecoderLayer`, `Linear`, `Conv1D`, `LlamaRMSNorm`), which is what PEFT
/// prints in its messages.
public struct Module: Hashable, Sendable {
  /// The dotted key, as in `model.layers.0.self_attn.q_proj`; `""` for the root.
  public var path: String
  /// The Python class name.
  public var typeName: String
  /// What the module is.
  public var kind: ModuleKind
  /// The module's direct parameters (not its children's), in registration order.
  public var parameters: [Parameter]

  public init(path: String, typeName: String, kind: ModuleKind, parameters: [Parameter] = []) {
    self.path = path
    self.typeName = typeName
    self.kind = kind
    self.parameters = parameters
  }

  /// The last path component (`q_proj`), or `""` for the root.
  public var name: Substring {
    guard let dot = path.lastIndex(of: ".") else { return path[...] }
    return path[path.index(after: dot)...]
  }

  /// The full name of a direct parameter: `path + "." + name` (or `name` at the root).
  public func fullName(of parameter: Parameter) -> String {
    path.isEmpty ? parameter.name : path + "." + parameter.name
  }
}
