import LoRANumerics
import Support

/// A seeded regression or classification batch for a model: inputs drawn from N(0, 1)
/// (or uniform token ids), targets from N(0, 1) (or uniform class ids).
public struct SyntheticTask: Equatable, Sendable {
  public var input: LayerInput
  public var target: TrainingTarget
  public var loss: LossFunction

  public init(input: LayerInput, target: TrainingTarget, loss: LossFunction) {
    self.input = input
    self.target = target
    self.loss = loss
  }

  /// A batch of `batchSize` rows fitting `model`'s input and output widths.
  public static func make(for model: SequentialModel, batchSize: Int, loss: LossFunction, seed: UInt64) throws
    -> SyntheticTask
  {
    guard batchSize > 0 else { throw ModelError("the batch size must be positive, got \(batchSize)") }
    var gi = SeededGenerator(seed: seed, key: "task.input")
    var gt = SeededGenerator(seed: seed, key: "task.target")
    let input: LayerInput
    switch model.modules.first {
    case .embedding(let num, _):
      input = .tokens((0..<batchSize).map { _ in gi.nextIndex(below: num) })
    case .linear(let inF, _, _):
      input = .features(try LoraInitialisation.normal(shape: [batchSize, inF], generator: &gi))
    default:
      throw ModelError("the first module must be an Embedding or a Linear")
    }
    let out = model.outputFeatures
    let target: TrainingTarget
    switch loss {
    case .meanSquaredError:
      target = .values(try LoraInitialisation.normal(shape: [batchSize, out], generator: &gt))
    case .crossEntropy:
      target = .classes((0..<batchSize).map { _ in gt.nextIndex(below: out) })
    }
    return SyntheticTask(input: input, target: target, loss: loss)
  }
}
