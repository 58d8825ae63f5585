import Foundation
import LoRA
import RunResults
import SpecRunner
import Support

/// Runs one `do` step on the structural PEFT model and, when present, on the numeric model.
enum StepRunner {
  static func run(
    _ step: Step, on state: inout EngineState, at location: InputLocation, directory: () throws -> URL
  ) throws {
    guard var peft = state.peft else {
      throw SpecError("step needs an adapter: add a ```lora block before the do block", at: location)
    }
    if state.unloaded {
      throw SpecError("the model was merged and unloaded: no adapter steps can follow merge_and_unload", at: location)
    }
    var warnings: [PeftWarning] = []
    switch step {
    case .merge(let adapters, let safe):
      try state.numerics?.merge(adapters, safe: safe, location: location)
      warnings = peft.mergeAdapter(adapters)
    case .unmerge:
      warnings = peft.unmergeAdapter()
      try state.numerics?.unmerge(location: location)
    case .mergeAndUnload:
      try state.numerics?.mergeAndUnload(location: location)
      warnings = peft.mergeAdapter(nil)
      state.unloaded = true
    case .setAdapter(let name):
      warnings = try peft.setAdapter(name)
      try state.numerics?.setAdapter(name, location: location)
    case .disable:
      warnings = peft.disableAdapterLayers()
      state.numerics?.setDisabled(true)
    case .enable:
      peft.enableAdapterLayers()
      state.numerics?.setDisabled(false)
    case .deleteAdapter(let name):
      warnings = try peft.deleteAdapter(name)
      try state.numerics?.deleteAdapter(name, location: location)
    case .train(let settings):
      guard state.numerics != nil else { throw NumericsState.notAvailable(at: location) }
      try state.numerics?.train(settings, location: location)
    case .save:
      guard state.numerics != nil else { throw NumericsState.notAvailable(at: location) }
      try state.numerics?.save(peft: peft, directory: try directory(), location: location)
    case .load:
      guard state.numerics != nil else { throw NumericsState.notAvailable(at: location) }
      try state.numerics?.load(location: location)
    }
    state.warnings += warnings.map(\.description)
    state.peft = peft
  }
}
