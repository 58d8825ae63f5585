import Foundation
import LoRA
import LoRAModels
import LoRAModules
import RunResults
import SpecRunner
import Support

/// Evaluates a scenario's setup: builds the model, freezes what the user froze, injects
/// every adapter as `get_peft_model` / `add_adapter` do, then runs the `do` steps.
///
/// A broken spec (no model, an unreadable model file) throws `SpecError`; what PEFT would
/// raise becomes `.failed` for `expect error` to check.
enum ScenarioEngine {
  /// The outcome for the context's setup, evaluated once and cached in the context.
  /// With `numerics`, the model also runs with real weights (a module-list model only).
  static func outcome(_ context: inout ScenarioContext, at location: InputLocation, numerics: Bool = false) throws
    -> EngineOutcome
  {
    var setup = ScenarioSetup.read(context)
    if let cached = setup.cached, !numerics || cached.hasNumerics { return cached }
    let needsNumerics = numerics || setup.steps.contains { $0.step.needsNumerics }
    var directories: [URL] = []
    let outcome = try evaluate(setup, location: location, numerics: needsNumerics) {
      if directories.isEmpty { directories.append(try context.makeTemporaryDirectory()) }
      return directories[0]
    }
    setup.cached = outcome
    context[ScenarioSetup.self] = setup
    return outcome
  }

  /// The ready state, or a `SpecError` explaining the engine error (for expectations
  /// other than `expect error`).
  static func state(_ context: inout ScenarioContext, at location: InputLocation, numerics: Bool = false) throws
    -> EngineState
  {
    switch try outcome(&context, at: location, numerics: numerics) {
    case .ready(let state): return state
    case .failed(let failure): throw UnexpectedEngineError(failure: failure)
    }
  }

  static func evaluate(
    _ setup: ScenarioSetup, location: InputLocation, numerics: Bool, directory: () throws -> URL
  ) throws -> EngineOutcome {
    guard let modelBlock = setup.model else {
      throw SpecError("scenario has no model block: add a ```model block (or put one in the background)", at: location)
    }
    let loaded = try ModelSourceLoading.load(modelBlock)
    let base = loaded.tree
    var state = EngineState(base: base)
    if numerics {
      guard case .modules = modelBlock.source else { throw NumericsState.notAvailable(at: location) }
      state.numerics = try NumericsState(base: base, location: modelBlock.location)
    }
    guard let first = setup.adapters.first else {
      if !setup.steps.isEmpty {
        throw SpecError("do steps need an adapter: add a ```lora block before them", at: setup.steps[0].location)
      }
      return .ready(state)
    }
    do {
      let config = try first.config.get()
      var peft = try PeftModel(model: base, config: config, adapterName: first.name, info: loaded.info)
      state.warnings += peft.injectionWarnings.map(\.description)
      try state.numerics?.inject(adapter: first.name, config: config, plan: peft, location: first.location)
      for adapter in setup.adapters.dropFirst() {
        let config = try adapter.config.get()
        do {
          state.warnings += try peft.addAdapter(adapter.name, config: config).map(\.description)
        } catch {
          throw EngineFailure(error, at: adapter.location)
        }
        try state.numerics?.inject(adapter: adapter.name, config: config, plan: peft, location: adapter.location)
      }
      state.peft = peft
    } catch let failure as EngineFailure {
      return .failed(failure)
    } catch let error as PeftError {
      return .failed(EngineFailure(error, at: first.location))
    }
    for (step, stepLocation) in setup.steps {
      do {
        try StepRunner.run(step, on: &state, at: stepLocation, directory: directory)
      } catch let failure as EngineFailure {
        return .failed(failure)
      } catch let error as PeftError {
        return .failed(EngineFailure(error, at: stepLocation))
      }
    }
    return .ready(state)
  }
}

/// An engine error where the spec expected a result: the scenario fails with PEFT's message.
struct UnexpectedEngineError: Error, Sendable {
  var failure: EngineFailure
}
