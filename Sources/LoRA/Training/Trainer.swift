import LoRANumerics

/// How one parameter moved during training.
public struct ParameterChange: Equatable, Sendable {
  public var name: String
  public var requiresGrad: Bool
  /// The largest absolute change of any element (0 when untouched).
  public var maxAbsoluteChange: Float
  /// Whether any element changed.
  public var changed: Bool { maxAbsoluteChange != 0 }
}

/// The record of a training run: the loss before each step and what every parameter did.
public struct TrainingReport: Equatable, Sendable {
  /// Loss at each step, computed before that step's update.
  public var losses: [Float]
  /// The loss after the last step.
  public var finalLoss: Float
  /// Every parameter in registration order.
  public var changes: [ParameterChange]

  /// Names of the parameters whose values changed.
  public var changedParameters: [String] { changes.filter(\.changed).map(\.name) }
  /// Names of the parameters left exactly as they were.
  public var unchangedParameters: [String] { changes.filter { !$0.changed }.map(\.name) }
}

/// Trains the LoRA factors of a sequential model with a torch-style optimiser.
public enum Trainer {
  /// Runs `steps` steps of forward (training mode, seeded dropout), loss, backward and
  /// optimiser update on the active adapters' factors. Base weights are frozen, as PEFT freezes them.
  public static func train(
    _ model: inout SequentialModel, task: SyntheticTask, steps: Int, optimizer: inout some Optimizer,
    seed: UInt64 = 0
  ) throws -> TrainingReport {
    guard steps >= 0 else { throw ModelError("steps must be zero or more, got \(steps)") }
    guard model.hasAdapters else {
      throw ModelError("the model has no LoRA adapter: inject one before training (base weights are frozen)")
    }
    let before = model.namedParameters
    var losses: [Float] = []
    for step in 0..<steps {
      // A run's time limit cancels the scenario's task: stop between steps.
      if Task.isCancelled {
        throw ModelError("training stopped after \(step) of \(steps) steps: the time limit was reached")
      }
      let (output, caches) = try model.forwardWithCaches(task.input, mode: .training(seed: seed, step: step))
      let (loss, dOutput) = try task.loss.evaluate(output: output, target: task.target)
      losses.append(loss)
      let gradients = try model.backward(outputGradient: dOutput, caches: caches)
      var parameters = model.trainableParameters
      try optimizer.step(parameters: &parameters, gradients: gradients)
      try model.setAdapterFactors(parameters)
    }
    let finalOutput = try model.forward(task.input)
    let finalLoss = try task.loss.evaluate(output: finalOutput, target: task.target).loss
    let after = Dictionary(uniqueKeysWithValues: model.namedParameters.map { ($0.name, $0.value) })
    let changes = before.map { p -> ParameterChange in
      var maxChange: Float = 0
      if let now = after[p.name] {
        for (a, b) in zip(p.value.scalars, now.scalars) { maxChange = max(maxChange, abs(a - b)) }
      }
      return ParameterChange(name: p.name, requiresGrad: p.requiresGrad, maxAbsoluteChange: maxChange)
    }
    return TrainingReport(losses: losses, finalLoss: finalLoss, changes: changes)
  }
}
