import LoRA
import RunResults
import SpecFormat
import SpecRunner

/// The PEFT model a scenario sets up, for reports that draw it (the documentation site's
/// module-tree pictures).
public struct ScenarioModel: Sendable {
  /// The scenario's case name.
  public var scenario: String
  /// The line of the scenario's last `lora` block (where a picture belongs).
  public var line: Int
  /// The model after injection and the scenario's steps.
  public var model: PeftModel
}

extension LoRASpecHandlers {
  /// Evaluates the set-up blocks (`model`, `lora`, `do`) of every scenario of `document`
  /// and returns the injected models; scenarios without an adapter, or whose set-up fails,
  /// are left out. Expectations are not run.
  public static func scenarioModels(of document: SpecDocument) -> [ScenarioModel] {
    let registry = registry()
    var models: [ScenarioModel] = []
    for scenario in document.scenarios where scenario.skip == nil {
      var context = ScenarioContext(document: document, scenario: scenario)
      var lastLora: Int?
      var failed = false
      for item in document.background + scenario.items {
        guard case .block(let block) = item, block.kind != HandlerRegistry.expectKeyword,
          let handler = registry.blockHandler(block.kind)
        else { continue }
        do {
          try handler.run(block, in: &context)
        } catch {
          failed = true
          break
        }
        if block.kind == "lora" { lastLora = block.location.line }
      }
      guard !failed, let line = lastLora,
        case .ready(let state)? = try? ScenarioEngine.outcome(&context, at: scenario.location),
        let peft = state.peft, !state.unloaded
      else { continue }
      models.append(ScenarioModel(scenario: scenario.name, line: line, model: peft))
    }
    return models
  }
}
