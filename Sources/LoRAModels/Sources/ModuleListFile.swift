import Foundation
import LoRAModules
import Support
import Yams

/// Module lists: a YAML or JSON document with a `modules:` list of PyTorch modules
/// by constructor arguments; parents are created implicitly.
///
/// ```yaml
/// root: TinyEncoder            # optional class name of the root
/// modules:
///   - {name: embed, type: Embedding, num_embeddings: 100, embedding_dim: 64}
///   - {name: encoder.0.q, type: Linear, in_features: 64, out_features: 64, bias: true}
///   - {name: encoder.0.norm, type: LayerNorm, normalized_shape: 64}
///   - {name: encoder.0.act, type: GELU}          # any other class: no parameters
///   - {name: head, type: Linear, in_features: 64, out_features: 2, params: [{name: scale, shape: [2]}]}
/// ```
///
/// Layer types: `Linear`, `Embedding`, `Conv1d`, `Conv2d`, `Conv3d`, `Conv1D`
/// (transformers, weight [in, out]), `LayerNorm`, `RMSNorm`, `MultiheadAttention`.
/// Any other type name is a parameterless module (a container, or an activation),
/// unless it only differs in case from a layer type. `params` adds parameters of
/// a module's own. Errors name the file and line and suggest the closest key or type.
public enum ModuleListFile {
  /// The layer types with constructor arguments.
  public static let layerTypes = [
    "Linear", "Embedding", "Conv1d", "Conv2d", "Conv3d", "Conv1D", "LayerNorm", "RMSNorm", "MultiheadAttention",
  ]

  static let argumentKeys: [String: [String]] = [
    "Linear": ["in_features", "out_features", "bias"],
    "Embedding": ["num_embeddings", "embedding_dim", "padding_idx"],
    "Conv1d": convKeys, "Conv2d": convKeys, "Conv3d": convKeys,
    "Conv1D": ["in_features", "out_features", "nx", "nf"],
    "LayerNorm": ["normalized_shape", "elementwise_affine", "bias", "eps"],
    "RMSNorm": ["normalized_shape", "elementwise_affine", "eps"],
    "MultiheadAttention": ["embed_dim", "num_heads", "bias"],
  ]
  static let convKeys = [
    "in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups", "bias", "padding_mode",
  ]
  static let commonKeys = ["name", "type", "params"]

  /// Reads a module-list file (`.yaml`, `.yml` or `.json`).
  public static func load(_ url: URL) throws(ModelSourceError) -> ModuleTree {
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw ModelSourceError(source: url.path, "cannot read the file as UTF-8 text; check the path")
    }
    return try parse(text, source: url.path)
  }

  /// Parses a module list.
  ///
  /// - Parameters:
  ///   - text: YAML or JSON text with a top-level `modules:` list.
  ///   - source: the file named in errors.
  ///   - firstLine: the line of `source` where `text` starts (for text embedded in a
  ///     larger file, such as a spec block); 1 for a whole file.
  ///   - otherKeys: further top-level keys to accept and ignore (a spec's `freeze`).
  /// The most modules a list may hold (1,000,000: real models have tens of thousands), checked
  /// before any is built, so nested YAML aliases cannot make a few bytes into billions.
  public static let maximumModules = 1_000_000

  public static func parse(_ text: String, source: String, firstLine: Int = 1, otherKeys: Set<String> = [])
    throws(ModelSourceError) -> ModuleTree
  {
    let reader = Reader(source: source, lineOffset: firstLine - 1)
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw reader.yamlError(error)
    } catch {
      throw ModelSourceError(source: source, "cannot parse the module list: \(error)")
    }
    guard let root, case .mapping(let top) = root else {
      throw reader.error(root, "a module list is a mapping with a 'modules:' list")
    }
    var rootType = "Module"
    var list: Node?
    for (key, value) in top {
      let name = key.string ?? ""
      switch name {
      case "modules": list = value
      case "root":
        guard let s = value.string, !s.isEmpty else { throw reader.error(value, "'root' must be a class name") }
        rootType = s
      default:
        guard otherKeys.contains(name) else {
          let hint = ClosestName.hint(name, among: ["modules", "root"] + otherKeys.sorted())
          throw reader.error(key, "unknown key '\(name)'\(hint)")
        }
      }
    }
    guard let list else { throw reader.error(root, "missing 'modules:' list") }
    guard case .sequence(let items) = list else { throw reader.error(list, "'modules' must be a list of modules") }
    guard items.count <= maximumModules else {
      throw reader.error(
        list,
        "the module list has \(items.count) modules (YAML aliases expanded), more than the \(maximumModules) accepted")
    }
    var modules: [Module] = []
    var seen: Set<String> = []
    for item in items {
      let module = try reader.module(item)
      guard seen.insert(module.path).inserted else {
        throw reader.error(item, "module '\(module.path)' is listed twice")
      }
      modules.append(module)
      if case .multiheadAttention(let e, _, let bias) = module.kind {
        // nn.MultiheadAttention registers its output projection as a child.
        let projection = ModuleKind.linear(inFeatures: e, outFeatures: e, bias: bias)
        modules.append(
          Module(
            path: module.path + ".out_proj", typeName: "NonDynamicallyQuantizableLinear", kind: projection,
            parameters: projection.parameters))
        seen.insert(module.path + ".out_proj")
      }
    }
    let tree = TreeAssembly.assemble(modules, rootType: rootType)
    try SizeCheck.validate(tree, source: source)
    return tree
  }

  /// Turns YAML nodes into modules, with line numbers in errors.
  struct Reader {
    var source: String
    var lineOffset: Int

    func error(_ node: Node?, _ message: String) -> ModelSourceError {
      ModelSourceError(source: source, line: node?.mark.map { $0.line + lineOffset }, message)
    }

    func yamlError(_ error: YamlError) -> ModelSourceError {
      switch error {
      case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
        .composer(_, let problem, let mark, _):
        return ModelSourceError(
          source: source, line: mark.line + lineOffset, column: mark.column, "invalid YAML: \(problem)")
      case .duplicatedKeysInMapping(let duplicates, let context):
        return ModelSourceError(
          source: source, line: context.mark.line + lineOffset,
          "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
      default:
        return ModelSourceError(source: source, "invalid YAML: \(error)")
      }
    }

    func module(_ node: Node) throws(ModelSourceError) -> Module {
      guard case .mapping(let mapping) = node else {
        throw error(
          node, "each module is a mapping like {name: encoder.0.q, type: Linear, in_features: 64, out_features: 64}")
      }
      var fields: [String: Node] = [:]
      for (key, value) in mapping {
        guard let k = key.string else { throw error(key, "keys must be strings") }
        fields[k] = value
      }
      guard let nameNode = fields["name"], let name = nameNode.string, Self.validPath(name) else {
        throw error(fields["name"] ?? node, "each module needs a 'name': a dotted path such as encoder.0.q")
      }
      if let problem = ModuleNameLimits.problem(with: name) { throw error(nameNode, problem) }
      guard let typeNode = fields["type"], let type = typeNode.string, !type.isEmpty else {
        throw error(
          fields["type"] ?? node, "module '\(name)' needs a 'type' (Linear, Embedding, Conv2d, ... or a class name)")
      }
      let allowed = ModuleListFile.argumentKeys[type] ?? []
      for (key, value) in fields where !ModuleListFile.commonKeys.contains(key) && !allowed.contains(key) {
        if allowed.isEmpty {
          if let layer = ClosestName.match(type, among: ModuleListFile.layerTypes) {
            throw error(typeNode, "unknown layer type '\(type)' for module '\(name)'; \(ClosestName.phrase(layer))")
          }
          throw error(
            value,
            "'\(key)' is not an argument of '\(type)': only \(ModuleListFile.layerTypes.joined(separator: ", ")) take arguments"
          )
        }
        let hint = ClosestName.hint(key, among: allowed + ModuleListFile.commonKeys)
        throw error(value, "unknown argument '\(key)' for \(type) '\(name)'\(hint)")
      }
      if allowed.isEmpty, let layer = ModuleListFile.layerTypes.first(where: { $0.lowercased() == type.lowercased() }) {
        throw error(typeNode, "unknown type '\(type)'; \(ClosestName.phrase(layer))")
      }
      var (kind, parameters): (ModuleKind, [Parameter])
      do {
        (kind, parameters) = try layer(type, name, fields)
      } catch let problem {
        // A missing argument has no node of its own: point at the module.
        guard problem.line == nil else { throw problem }
        throw error(node, problem.message)
      }
      if let extra = fields["params"] { parameters += try params(extra, name) }
      return Module(path: name, typeName: type, kind: kind, parameters: parameters)
    }

    static func validPath(_ name: String) -> Bool {
      !name.isEmpty && !name.split(separator: ".", omittingEmptySubsequences: false).contains { $0.isEmpty }
    }

    func int(_ fields: [String: Node], _ key: String, _ name: String, default value: Int? = nil, minimum: Int = 1)
      throws(ModelSourceError) -> Int
    {
      guard let node = fields[key] else {
        guard let value else { throw error(nil, "module '\(name)' needs '\(key)'") }
        return value
      }
      guard let i = node.int, i >= minimum, i <= Int(Int32.max) else {
        throw error(node, "'\(key)' of '\(name)' must be an integer of at least \(minimum)")
      }
      return i
    }

    func bool(_ fields: [String: Node], _ key: String, _ name: String, default value: Bool) throws(ModelSourceError)
      -> Bool
    {
      guard let node = fields[key] else { return value }
      guard let b = node.bool else { throw error(node, "'\(key)' of '\(name)' must be true or false") }
      return b
    }

    /// An int or a list of `count` ints (kernel sizes, normalized shapes).
    func ints(_ fields: [String: Node], _ key: String, _ name: String, count: Int?) throws(ModelSourceError) -> [Int] {
      guard let node = fields[key] else { throw error(nil, "module '\(name)' needs '\(key)'") }
      if let i = node.int, i >= 1 { return Array(repeating: i, count: count ?? 1) }
      if case .sequence(let seq) = node {
        let values = seq.compactMap { $0.int }.filter { $0 >= 1 }
        if values.count == seq.count, count == nil ? !values.isEmpty : values.count == count { return values }
      }
      throw error(
        node,
        "'\(key)' of '\(name)' must be a positive integer or a list of \(count.map(String.init) ?? "positive") integers"
      )
    }

    func layer(_ type: String, _ name: String, _ f: [String: Node]) throws(ModelSourceError) -> (
      ModuleKind, [Parameter]
    ) {
      switch type {
      case "Linear":
        let i = try int(f, "in_features", name)
        let o = try int(f, "out_features", name)
        let bias = try bool(f, "bias", name, default: true)
        return Self.described(.linear(inFeatures: i, outFeatures: o, bias: bias))
      case "Embedding":
        let n = try int(f, "num_embeddings", name)
        let d = try int(f, "embedding_dim", name)
        return Self.described(.embedding(numEmbeddings: n, embeddingDim: d))
      case "Conv1d", "Conv2d", "Conv3d":
        let dims = type == "Conv1d" ? 1 : (type == "Conv2d" ? 2 : 3)
        let i = try int(f, "in_channels", name)
        let o = try int(f, "out_channels", name)
        let kernel = try ints(f, "kernel_size", name, count: dims)
        let groups = try int(f, "groups", name, default: 1)
        guard i % groups == 0, o % groups == 0 else {
          throw error(f["groups"], "in_channels and out_channels of '\(name)' must be divisible by groups (\(groups))")
        }
        let bias = try bool(f, "bias", name, default: true)
        return Self.described(
          .conv(dimensions: dims, inChannels: i, outChannels: o, kernelSize: kernel, groups: groups, bias: bias))
      case "Conv1D":
        let i = try f["nx"] != nil ? int(f, "nx", name) : int(f, "in_features", name)
        let o = try f["nf"] != nil ? int(f, "nf", name) : int(f, "out_features", name)
        return Self.described(.transformersConv1D(inFeatures: i, outFeatures: o))
      case "LayerNorm", "RMSNorm":
        let shape = try ints(f, "normalized_shape", name, count: nil)
        let affine = try bool(f, "elementwise_affine", name, default: true)
        let rms = type == "RMSNorm"
        let biasFlag = try bool(f, "bias", name, default: true)
        let bias = !rms && affine && biasFlag
        guard let size = Parameter(name: "weight", shape: shape).checkedElementCount else {
          throw error(
            f["normalized_shape"], "normalized_shape of '\(name)' has more elements than fit in a 64-bit count")
        }
        var parameters: [Parameter] = []
        if affine { parameters.append(Parameter(name: "weight", shape: shape)) }
        if bias { parameters.append(Parameter(name: "bias", shape: shape)) }
        return (.norm(normalizedShape: size, rms: rms, bias: bias), parameters)
      case "MultiheadAttention":
        let e = try int(f, "embed_dim", name)
        let h = try int(f, "num_heads", name)
        guard e % h == 0 else { throw error(f["num_heads"], "embed_dim of '\(name)' must be divisible by num_heads") }
        let bias = try bool(f, "bias", name, default: true)
        return Self.described(.multiheadAttention(embedDim: e, numHeads: h, bias: bias))
      default:
        return (Self.leafTypes.contains(type) ? .other : .container, [])
      }
    }

    /// A layer kind with the parameters it implies (``ModuleKind/parameters``).
    static func described(_ kind: ModuleKind) -> (ModuleKind, [Parameter]) { (kind, kind.parameters) }

    /// Parameterless PyTorch leaves (activations, dropout, ...).
    static let leafTypes: Set<String> = [
      "ReLU", "GELU", "SiLU", "Tanh", "Sigmoid", "Dropout", "Identity", "Softmax", "LeakyReLU", "ReLU6", "Hardswish",
      "Mish", "ELU", "Flatten", "Unflatten", "AvgPool1d", "AvgPool2d", "MaxPool1d", "MaxPool2d", "AdaptiveAvgPool2d",
      "PixelShuffle", "Upsample", "Dropout1d", "Dropout2d",
    ]

    func params(_ node: Node, _ name: String) throws(ModelSourceError) -> [Parameter] {
      guard case .sequence(let items) = node else {
        throw error(node, "'params' of '\(name)' must be a list of {name, shape, requires_grad}")
      }
      guard items.count <= ModuleListFile.maximumModules else {
        throw error(node, "'params' of '\(name)' lists \(items.count) parameters, more than can be meant")
      }
      var result: [Parameter] = []
      for item in items {
        guard case .mapping(let m) = item else { throw error(item, "each parameter is a mapping {name, shape}") }
        var pname: String?
        var shape: [Int]?
        var grad = true
        for (k, v) in m {
          switch k.string ?? "" {
          case "name": pname = v.string
          case "shape":
            guard case .sequence(let dims) = v else { throw error(v, "'shape' must be a list of integers") }
            let values = dims.compactMap { $0.int }.filter { $0 >= 0 }
            guard values.count == dims.count else { throw error(v, "'shape' must be a list of non-negative integers") }
            shape = values
          case "requires_grad":
            guard let b = v.bool else { throw error(v, "'requires_grad' must be true or false") }
            grad = b
          default:
            throw error(k, "unknown parameter field '\(k.string ?? "")' (name, shape, requires_grad)")
          }
        }
        guard let pname, !pname.isEmpty, !pname.contains("."), let shape else {
          throw error(item, "a parameter of '\(name)' needs a 'name' (no dots) and a 'shape'")
        }
        result.append(Parameter(name: pname, shape: shape, requiresGrad: grad))
      }
      return result
    }
  }
}
