import RunResults
import SpecRunner
import Support

/// What the blocks of a scenario have set up so far, in document order. Stored in the
/// scenario context; the engine evaluates it when the first expectation needs a result.
struct ScenarioSetup: Sendable {
  var model: ModelBlock?
  var adapters: [AdapterBlock] = []
  var steps: [(step: Step, location: InputLocation)] = []
  /// The evaluated outcome, dropped whenever a block changes the setup.
  var cached: EngineOutcome?

  static func read(_ context: ScenarioContext) -> ScenarioSetup { context[ScenarioSetup.self] ?? ScenarioSetup() }

  static func update(_ context: inout ScenarioContext, _ body: (inout ScenarioSetup) throws -> Void) rethrows {
    var setup = read(context)
    try body(&setup)
    setup.cached = nil
    context[ScenarioSetup.self] = setup
  }
}
