import LoRANumerics

/// The training objectives: `nn.MSELoss()` and `nn.CrossEntropyLoss()` (mean reduction).
public enum LossFunction: Equatable, Sendable {
  /// Mean squared error against a target matrix of the output's shape.
  case meanSquaredError
  /// Cross-entropy of logits [rows, classes] against class ids.
  case crossEntropy
}

/// What a synthetic task asks the model to produce.
public enum TrainingTarget: Equatable, Sendable {
  /// A regression target, same shape as the output.
  case values(Tensor)
  /// One class id per row.
  case classes([Int])
}

extension LossFunction {
  /// The loss and its gradient with respect to the output.
  public func evaluate(output: Tensor, target: TrainingTarget) throws -> (loss: Float, gradient: Tensor) {
    switch (self, target) {
    case (.meanSquaredError, .values(let t)):
      guard t.shape == output.shape else {
        throw ModelError("MSE: target \(formatShape(t.shape)) does not match output \(formatShape(output.shape))")
      }
      let n = Float(max(output.count, 1))
      let diff = try output.subtracting(t)
      let loss = diff.scalars.reduce(0) { $0 + $1 * $1 } / n
      return (loss, diff.scaled(by: 2 / n))
    case (.crossEntropy, .classes(let ids)):
      let (rows, classes) = try output.matrixDimensions("cross-entropy")
      guard ids.count == rows else { throw ModelError("cross-entropy: \(ids.count) targets for \(rows) rows") }
      var grad = [Float](repeating: 0, count: output.count)
      var loss: Float = 0
      for i in 0..<rows {
        guard ids[i] >= 0, ids[i] < classes else {
          throw ModelError("cross-entropy: target \(ids[i]) is outside 0..<\(classes)")
        }
        let row = output.scalars[i * classes..<(i + 1) * classes]
        let maxLogit = row.max() ?? 0
        let exps = row.map { MathFunctions.exp($0 - maxLogit) }
        let total = exps.reduce(0, +)
        loss += MathFunctions.log(total) + maxLogit - output.scalars[i * classes + ids[i]]
        for j in 0..<classes {
          grad[i * classes + j] = (exps[j] / total - (j == ids[i] ? 1 : 0)) / Float(rows)
        }
      }
      return (loss / Float(rows), try Tensor(shape: output.shape, scalars: grad))
    default:
      throw ModelError("loss \(self) does not fit a target of kind \(target)")
    }
  }
}
