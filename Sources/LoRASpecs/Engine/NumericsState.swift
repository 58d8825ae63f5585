import LoRA
import LoRAModules
import RunResults
import SpecRunner

/// Real weights and numerics for a scenario whose model is a module list (placeholder
/// until the numeric engine is wired in).
struct NumericsState: Sendable {
  static func isRequested(by setup: ScenarioSetup) -> Bool { false }

  static func notAvailable(at location: SourceLocation) -> SpecError {
    SpecError("numeric steps and expectations need a model built from `modules:` (a sequential model)", at: location)
  }

  init(modelBlock: ModelBlock, base: ModuleTree, location: SourceLocation) throws {
    throw Self.notAvailable(at: location)
  }

  mutating func inject(adapter: String, config: LoraConfig, plan: PeftModel, location: SourceLocation) throws {}
  mutating func merge(_ adapters: [String]?, safe: Bool, location: SourceLocation) throws {}
  mutating func unmerge(location: SourceLocation) throws {}
  mutating func mergeAndUnload(location: SourceLocation) throws {}
  mutating func setAdapter(_ name: String, location: SourceLocation) throws {}
  mutating func setDisabled(_ disabled: Bool) {}
  mutating func deleteAdapter(_ name: String, location: SourceLocation) throws {}
  mutating func train(_ settings: TrainingStep, location: SourceLocation) throws {}
  mutating func save(peft: PeftModel, location: SourceLocation) throws {}
  mutating func load(location: SourceLocation) throws {}
}
