import LoRANumerics
import Support

/// Inverted dropout as `nn.Dropout` applies it: zero with probability p, scale the
/// rest by 1/(1-p); the identity in evaluation mode or when p = 0.
enum DropoutMask {
  /// The mask (0 or 1/(1-p) per element), or nil when dropout does nothing.
  static func make(count: Int, p: Float, mode: ForwardMode, key: String) -> [Float]? {
    guard p > 0, case .training(let seed, let step) = mode else { return nil }
    if p >= 1 { return [Float](repeating: 0, count: count) }
    var generator = SeededGenerator(seed: seed, key: key + "#\(step)")
    let keep = 1 / (1 - p)
    return (0..<count).map { _ in generator.nextUnitFloat() < p ? 0 : keep }
  }

  static func apply(_ mask: [Float]?, to x: Tensor) throws -> Tensor {
    guard let mask else { return x }
    return try x.multiplying(Tensor(shape: x.shape, scalars: mask))
  }
}
