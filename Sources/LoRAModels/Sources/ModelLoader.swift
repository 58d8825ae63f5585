import ConfigValues
import Foundation
import LoRAModules
import LoRANumerics

/// The one entry point for "give me the model": a catalog name or a file.
///
/// | source | what is built |
/// |---|---|
/// | `llama`, `LlamaForCausalLM` | catalog, tiny defaults, `overrides` applied |
/// | `config.json` (any `.json` with a `model_type`) | catalog, full size from the config |
/// | `model.safetensors` | header only; `config.json` beside it settles kinds and names |
/// | `model.safetensors.index.json` | all shards' headers; `config.json` beside it as above |
/// | `modules.yaml` / `.yml` / a `.json` with `modules:` | the module list |
/// | a directory | its `config.json`, else its index or `model.safetensors` |
///
/// A bare word is a catalog name when the catalog knows it, else a file or directory
/// of that name when one exists; anything with a `/` or a known extension is a path.
///
/// ```swift
/// let tree = try ModelLoader.load("llava", overrides: ["text_config": .object(["num_hidden_layers": .int(4)])])
/// let real = try ModelLoader.load("models/llama3/config.json", relativeTo: specDirectory)
/// ```
public enum ModelLoader {
  /// Loads a model.
  ///
  /// - Parameters:
  ///   - source: a catalog model type or class name, or a path (see the table).
  ///   - overrides: config keys for a catalog name; an error for files.
  ///   - base: the directory relative paths are resolved against (the current directory when nil).
  /// - Throws: `ModelSourceError` naming the input (file and line where known) and what to do.
  public static func load(_ source: String, overrides: ConfigObject = [:], relativeTo base: URL? = nil)
    throws(ModelSourceError) -> ModuleTree
  {
    let trimmed = source.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else {
      throw ModelSourceError(source: "model", "no model given: name a catalog model or a file")
    }
    let url = resolve(trimmed, relativeTo: base)
    let isCatalogName = !looksLikePath(trimmed) && ModelCatalog.lookup(trimmed) != nil
    if isCatalogName || (!looksLikePath(trimmed) && !FileManager.default.fileExists(atPath: url.path)) {
      return try ModelCatalog.build(trimmed, overrides: overrides)
    }
    guard overrides.isEmpty else {
      throw ModelSourceError(
        source: url.path, "config overrides apply to catalog models only; edit the file or use a catalog name")
    }
    return try load(path: url)
  }

  /// Loads a model from a file or directory (see the type's table).
  public static func load(path url: URL) throws(ModelSourceError) -> ModuleTree {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw ModelSourceError(source: url.path, "no such file or directory; check the path")
    }
    if isDirectory.boolValue { return try loadDirectory(url) }
    let name = url.lastPathComponent.lowercased()
    if name.hasSuffix(".safetensors") {
      let config = try siblingConfig(of: url)
      return try SafetensorsModel.load(file: url, config: config?.values, configSource: config?.path)
    }
    if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { return try ModuleListFile.load(url) }
    if name.hasSuffix(".json") {
      let value = try ConfigFile.readJSON(url)
      guard case .object(let object) = value else {
        throw ModelSourceError(source: url.path, "expected a JSON object (config.json, index or module list)")
      }
      if object["weight_map"] != nil {
        let config = try siblingConfig(of: url)
        return try SafetensorsModel.load(index: url, config: config?.values, configSource: config?.path)
      }
      if object["modules"] != nil { return try ModuleListFile.load(url) }
      return try ConfigFile.build(config: object, file: url)
    }
    throw ModelSourceError(
      source: url.path,
      "unknown model file type; use a config.json, .safetensors, model.safetensors.index.json or a .yaml/.json module list"
    )
  }

  static func loadDirectory(_ url: URL) throws(ModelSourceError) -> ModuleTree {
    let config = url.appendingPathComponent("config.json")
    let index = url.appendingPathComponent("model.safetensors.index.json")
    let single = url.appendingPathComponent("model.safetensors")
    let fm = FileManager.default
    if fm.fileExists(atPath: config.path) {
      let values = try ConfigFile.read(config)
      if let type = values["model_type"]?.stringValue, ModelCatalog.entry(type) != nil {
        return try ConfigFile.build(config: values, file: config)
      }
    }
    if fm.fileExists(atPath: index.path) { return try load(path: index) }
    if fm.fileExists(atPath: single.path) { return try load(path: single) }
    throw ModelSourceError(
      source: url.path,
      "the directory has no config.json with a catalog model_type, no model.safetensors.index.json and no model.safetensors"
    )
  }

  /// The `config.json` next to a weights file, if any.
  static func siblingConfig(of url: URL) throws(ModelSourceError) -> (values: ConfigObject, path: String)? {
    let config = url.deletingLastPathComponent().appendingPathComponent("config.json")
    guard FileManager.default.fileExists(atPath: config.path) else { return nil }
    return (try ConfigFile.read(config), config.path)
  }

  static func looksLikePath(_ source: String) -> Bool {
    source.contains("/") || source.hasPrefix(".") || source.hasPrefix("~")
      || [".json", ".yaml", ".yml", ".safetensors"].contains { source.lowercased().hasSuffix($0) }
  }

  static func resolve(_ path: String, relativeTo base: URL?) -> URL {
    let expanded = (path as NSString).expandingTildeInPath
    if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded) }
    if let base { return base.appendingPathComponent(expanded) }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(expanded)
  }
}
