/// Element-wise arithmetic with shape checks.
extension Tensor {
  /// `self + other`, same shapes.
  public func adding(_ other: Tensor) throws -> Tensor {
    try zipped(other, "add", +)
  }

  /// `self - other`, same shapes.
  public func subtracting(_ other: Tensor) throws -> Tensor {
    try zipped(other, "subtract", -)
  }

  /// `self * other` element-wise, same shapes.
  public func multiplying(_ other: Tensor) throws -> Tensor {
    try zipped(other, "multiply", *)
  }

  /// Every element times `factor`.
  public func scaled(by factor: Float) -> Tensor {
    Tensor(uncheckedShape: shape, scalars: scalars.map { $0 * factor })
  }

  /// `self += factor * other` in place, same shapes.
  public mutating func addScaled(_ other: Tensor, _ factor: Float = 1) throws {
    guard other.shape == shape else {
      throw TensorError("add", "shapes \(formatShape(shape)) and \(formatShape(other.shape)) differ")
    }
    withMutableScalars { s in
      other.scalars.withUnsafeBufferPointer { o in
        for i in s.indices { s[i] += factor * o[i] }
      }
    }
  }

  /// A new tensor with `transform` applied to every element.
  public func map(_ transform: (Float) -> Float) -> Tensor {
    Tensor(uncheckedShape: shape, scalars: scalars.map(transform))
  }

  /// Whether every element is finite (no NaN or infinity).
  public var isFinite: Bool { scalars.allSatisfy { $0.isFinite } }

  /// The sum of all elements, accumulated in Double.
  public var sum: Double { scalars.reduce(0) { $0 + Double($1) } }

  private func zipped(_ other: Tensor, _ op: String, _ f: (Float, Float) -> Float) throws -> Tensor {
    guard other.shape == shape else {
      throw TensorError(op, "shapes \(formatShape(shape)) and \(formatShape(other.shape)) differ")
    }
    var out = [Float](repeating: 0, count: scalars.count)
    for i in out.indices { out[i] = f(scalars[i], other.scalars[i]) }
    return Tensor(uncheckedShape: shape, scalars: out)
  }
}
