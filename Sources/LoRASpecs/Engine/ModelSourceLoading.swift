import LoRA
import LoRAModels
import LoRAModules
import SpecRunner

/// Builds the module tree a model block names, with what PEFT knows about it.
enum ModelSourceLoading {
  struct Loaded: Sendable {
    var tree: ModuleTree
    var info: BaseModelInfo
  }

  static func load(_ block: ModelBlock) throws -> Loaded {
    do {
      switch block.source {
      case .catalog(let name, let overrides):
        let tree = try ModelCatalog.build(name, overrides: overrides, source: "\(block.location.file)")
        let modelType = ModelCatalog.modelTypes.contains(name) ? name : nil
        return Loaded(tree: tree, info: .inferred(from: tree, modelType: modelType))
      case .path, .modules:
        throw SpecError("model sources other than 'architecture' are not wired yet", at: block.location)
      }
    } catch let error as ModelSourceError {
      throw SpecError("cannot build the model: \(error)", at: block.location)
    }
  }
}
