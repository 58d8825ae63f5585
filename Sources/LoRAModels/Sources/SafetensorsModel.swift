import ConfigValues
import Foundation
import LoRAModules
import LoRANumerics

/// Module trees from safetensors headers (a single file, or an index with shards):
/// structure only, the tensor data is never read.
///
/// When a `config.json` beside the weights names a catalog architecture and every
/// tensor of the checkpoint is a parameter of the catalog's tree with the same shape
/// (the base-model prefix may be left out; buffers such as `inv_freq` are ignored),
/// the catalog tree is used (exact classes, order, tying and parameterless modules).
/// Checkpoints saved with older transformers names (LLaVA's `language_model.model.`)
/// do not match and are inferred under their own names.
/// Otherwise the tree is inferred from names and shapes (`ModuleKindInference`), in
/// natural name order, with the config's hints (GPT-2's Conv1D, class names of
/// matching catalog modules, attention heads).
public enum SafetensorsModel {
  /// A tensor's name and shape, whatever file it came from.
  struct Entry {
    var name: String
    var shape: [Int]
  }

  /// The tree of one `.safetensors` file.
  public static func load(file url: URL, config: ConfigObject? = nil, configSource: String? = nil)
    throws(ModelSourceError) -> ModuleTree
  {
    let header: SafetensorsHeader
    do {
      header = try SafetensorsHeader(contentsOf: url)
    } catch {
      throw ModelSourceError(source: error.file, error.detail)
    }
    let entries = header.names.compactMap { name in header.tensors[name].map { Entry(name: name, shape: $0.shape) } }
    return try tree(entries, source: url.path, config: config, configSource: configSource)
  }

  /// The tree of a sharded checkpoint: `model.safetensors.index.json` and the shard
  /// files its `weight_map` names (relative to the index), headers only.
  public static func load(index url: URL, config: ConfigObject? = nil, configSource: String? = nil)
    throws(ModelSourceError) -> ModuleTree
  {
    let source = url.path
    let root = try ConfigFile.readJSON(url)
    guard case .object(let top) = root, case .object(let map)? = top["weight_map"] else {
      throw ModelSourceError(source: source, "an index file needs a \"weight_map\" object of tensor name -> shard file")
    }
    var shardNames: [String: [String]] = [:]
    for member in map {
      let tensor = member.key
      guard let shard = member.value.stringValue, !shard.isEmpty, !shard.contains("..") else {
        throw ModelSourceError(source: source, "weight_map[\"\(tensor)\"] must be a shard file name")
      }
      shardNames[shard, default: []].append(tensor)
    }
    var entries: [Entry] = []
    let directory = url.deletingLastPathComponent()
    for shard in shardNames.keys.sorted() {
      let shardURL = directory.appendingPathComponent(shard)
      guard FileManager.default.fileExists(atPath: shardURL.path) else {
        throw ModelSourceError(source: source, "shard \"\(shard)\" named in weight_map is missing next to the index")
      }
      let header: SafetensorsHeader
      do {
        header = try SafetensorsHeader(contentsOf: shardURL)
      } catch {
        throw ModelSourceError(source: error.file, error.detail)
      }
      for tensor in shardNames[shard] ?? [] {
        guard let info = header.tensors[tensor] else {
          throw ModelSourceError(
            source: source, "weight_map puts \"\(tensor)\" in \(shard), but that shard has no such tensor")
        }
        entries.append(Entry(name: tensor, shape: info.shape))
      }
    }
    return try tree(entries, source: source, config: config, configSource: configSource)
  }

  static func tree(_ entries: [Entry], source: String, config: ConfigObject?, configSource: String?)
    throws(ModelSourceError) -> ModuleTree
  {
    guard !entries.isEmpty else { throw ModelSourceError(source: source, "the checkpoint holds no tensors") }
    for entry in entries {
      if let problem = ModuleNameLimits.problem(with: entry.name) { throw ModelSourceError(source: source, problem) }
    }
    var catalogTree: ModuleTree?
    var hints = ModuleKindInference.Hints()
    var rootType = "Model"
    if let config {
      let c = ModelConfig(config, source: configSource ?? source)
      hints.conv1D = (try? c.optionalString("model_type")) == "gpt2"
      hints.attentionHeads = try? c.optionalInt("num_attention_heads")
      if let first = config["architectures"]?.arrayValue?.first?.stringValue { rootType = first }
      catalogTree = try? ModelCatalog.build(config: config, source: configSource ?? source)
    }
    if let catalogTree, matches(entries, catalogTree) { return catalogTree }
    // A checkpoint with legacy keys: renamed as transformers renames them on loading.
    if let catalogTree, let type = config?["model_type"]?.stringValue, CheckpointKeyRenaming.rules[type] != nil {
      let renamed = entries.map {
        Entry(name: CheckpointKeyRenaming.runtimeName($0.name, modelType: type), shape: $0.shape)
      }
      if matches(renamed, catalogTree) { return catalogTree }
    }

    var grouped: [String: [Parameter]] = [:]
    var order: [String] = []
    for entry in entries.sorted(by: { TreeAssembly.naturalOrder($0.name, $1.name) }) {
      let modulePath = ModuleTree.parentPath(of: entry.name)
      let local = modulePath.isEmpty ? entry.name : String(entry.name.dropFirst(modulePath.count + 1))
      if grouped[modulePath] == nil { order.append(modulePath) }
      grouped[modulePath, default: []].append(Parameter(name: local, shape: entry.shape))
    }
    var modules: [Module] = []
    for path in order {
      let parameters = grouped[path] ?? []
      var (type, kind) = ModuleKindInference.infer(path: path, parameters: parameters, hints: hints)
      if path.isEmpty {
        type = rootType
        kind = .container
      }
      if let known = catalogTree?[path], known.kind == kind { type = known.typeName }
      modules.append(Module(path: path, typeName: type, kind: kind, parameters: parameters))
    }
    return TreeAssembly.assemble(modules, rootType: rootType)
  }

  /// Buffers some checkpoints store beside the parameters (rotary frequencies,
  /// position ids, GPT-2's causal mask); they are not parameters of the model.
  static let bufferNames: Set<String> = ["inv_freq", "position_ids", "masked_bias", "token_type_ids"]

  /// True when every tensor is a catalog parameter (owner or tied alias) of the same
  /// shape, allowing the base-model prefix to be left out (`h.0.attn.c_attn.weight`
  /// for `transformer.h.0.attn.c_attn.weight`, as GPT-2's Hub checkpoint has it) and
  /// buffers to be present.
  static func matches(_ entries: [Entry], _ tree: ModuleTree) -> Bool {
    var shapes: [String: [Int]] = [:]
    for module in tree.modules {
      for p in module.parameters { shapes[module.fullName(of: p)] = p.shape }
    }
    let prefixes =
      [""]
      + tree.modules.filter { !$0.path.isEmpty && !$0.path.contains(".") && $0.kind == .container }
      .map { $0.path + "." }
    return prefixes.contains { prefix in
      entries.allSatisfy { entry in
        if shapes[prefix + entry.name] == entry.shape { return true }
        let last = entry.name.split(separator: ".").last.map(String.init) ?? entry.name
        return bufferNames.contains(last)
          || (last == "bias" && entry.name.hasSuffix(".attn.bias") && entry.shape.count == 4)
      }
    }
  }
}
