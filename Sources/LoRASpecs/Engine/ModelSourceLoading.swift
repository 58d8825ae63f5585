import Foundation
import LoRA
import LoRAModels
import LoRAModules
import RunResults
import SpecRunner
import Support

/// Builds the module tree a model block names (through `ModelLoader`, the same entry
/// point `lora-spec plan` uses), with what PEFT knows about it, and applies the block's
/// `freeze` / `freeze_regex` as a user does before `get_peft_model`.
enum ModelSourceLoading {
  struct Loaded: Sendable {
    var tree: ModuleTree
    var info: BaseModelInfo
  }

  static func load(_ block: ModelBlock) throws -> Loaded {
    var tree: ModuleTree
    var modelType: String?
    do {
      switch block.source {
      case .catalog(let name, let overrides):
        tree = try ModelCatalog.build(name, overrides: overrides, source: "model block")
        modelType = ModelCatalog.modelTypes.contains(name) ? name : nil
      case .path(let path):
        tree = try ModelLoader.load(path: URL(fileURLWithPath: path))
      case .modules(let text, let bodyLine):
        tree = try ModuleListFile.parse(
          text, source: block.location.file, firstLine: bodyLine, otherKeys: Set(ModelBlock.fields))
      }
      let freeze = FreezeSpec(prefixes: block.freezePrefixes, patterns: block.freezeRegex.map { [$0] } ?? [])
      if !freeze.isEmpty { tree = try freeze.apply(to: tree, source: "freeze") }
    } catch {
      // Inline module lists report the Markdown line of the bad entry; other sources
      // name their file (or the block) in the message, and the error points at the block.
      if error.source == block.location.file, let line = error.line {
        throw SpecError(error.message, at: InputLocation(file: block.location.file, line: line))
      }
      // A catalog override error points at the line of the offending `config:` key.
      if let key = error.key, let keyLocation = block.overrideLocations[key] {
        throw SpecError(error.description, at: keyLocation)
      }
      throw SpecError(error.description, at: block.location)
    }
    return Loaded(tree: tree, info: .inferred(from: tree, modelType: modelType))
  }
}
