/// A dense, row-major Float32 tensor: a shape and its scalars.
///
/// Shapes use PyTorch order (`Linear.weight` is `[out, in]`). Every initialiser and
/// operation that takes a shape from outside checks it and throws `TensorError`.
public struct Tensor: Equatable, Sendable {
  /// The dimensions, outermost first.
  public private(set) var shape: [Int]
  /// The elements in row-major order; `scalars.count` equals the product of `shape`.
  public private(set) var scalars: [Float]

  /// A tensor with the given shape and scalars; throws when the counts disagree or a
  /// dimension is negative.
  public init(shape: [Int], scalars: [Float]) throws {
    let count = try Self.elementCount(of: shape, operation: "Tensor.init")
    guard count == scalars.count else {
      throw TensorError(
        "Tensor.init", "shape \(formatShape(shape)) needs \(count) elements but \(scalars.count) were given")
    }
    self.shape = shape
    self.scalars = scalars
  }

  /// A tensor filled with `value` (zeros by default).
  public init(shape: [Int], repeating value: Float = 0) throws {
    let count = try Self.elementCount(of: shape, operation: "Tensor.init")
    self.shape = shape
    self.scalars = [Float](repeating: value, count: count)
  }

  /// A rank-0 or rank-1 convenience: a vector of the given scalars.
  public init(vector: [Float]) {
    self.shape = [vector.count]
    self.scalars = vector
  }

  /// Internal initialiser for shapes already known to be valid.
  init(uncheckedShape shape: [Int], scalars: [Float]) {
    self.shape = shape
    self.scalars = scalars
  }

  /// The number of dimensions.
  public var rank: Int { shape.count }
  /// The number of elements.
  public var count: Int { scalars.count }

  /// The element at a multi-dimensional index; throws when out of range.
  public func element(at index: [Int]) throws -> Float {
    try scalars[offset(of: index)]
  }

  /// Sets the element at a multi-dimensional index; throws when out of range.
  public mutating func setElement(_ value: Float, at index: [Int]) throws {
    let o = try offset(of: index)
    scalars[o] = value
  }

  /// Replaces all scalars, keeping the shape; throws when the count differs.
  public mutating func replaceScalars(_ newScalars: [Float]) throws {
    guard newScalars.count == scalars.count else {
      throw TensorError(
        "replaceScalars", "tensor \(formatShape(shape)) has \(scalars.count) elements, got \(newScalars.count)")
    }
    scalars = newScalars
  }

  /// Mutable access to the scalars for element-wise updates that keep the count.
  public mutating func withMutableScalars<R>(_ body: (inout [Float]) throws -> R) rethrows -> R {
    let n = scalars.count
    let result = try body(&scalars)
    precondition(scalars.count == n, "withMutableScalars must not change the element count")
    return result
  }

  /// The same scalars under another shape with the same element count.
  public func reshaped(_ newShape: [Int]) throws -> Tensor {
    let count = try Self.elementCount(of: newShape, operation: "reshape")
    guard count == scalars.count else {
      throw TensorError(
        "reshape", "cannot view \(formatShape(shape)) (\(scalars.count) elements) as \(formatShape(newShape))")
    }
    return Tensor(uncheckedShape: newShape, scalars: scalars)
  }

  /// Rows and columns of a rank-2 tensor; throws for other ranks.
  public func matrixDimensions(_ operation: String) throws -> (rows: Int, columns: Int) {
    guard shape.count == 2 else {
      throw TensorError(operation, "expected a matrix, got shape \(formatShape(shape))")
    }
    return (shape[0], shape[1])
  }

  private func offset(of index: [Int]) throws -> Int {
    guard index.count == shape.count else {
      throw TensorError(
        "index", "index \(formatShape(index)) has rank \(index.count), tensor has \(formatShape(shape))")
    }
    var o = 0
    for (i, d) in zip(index, shape) {
      guard i >= 0, i < d else {
        throw TensorError("index", "index \(formatShape(index)) is out of range for shape \(formatShape(shape))")
      }
      o = o * d + i
    }
    return o
  }

  static func elementCount(of shape: [Int], operation: String) throws -> Int {
    var count = 1
    for d in shape {
      guard d >= 0 else { throw TensorError(operation, "negative dimension in shape \(formatShape(shape))") }
      let (product, overflow) = count.multipliedReportingOverflow(by: d)
      guard !overflow else { throw TensorError(operation, "shape \(formatShape(shape)) is too large") }
      count = product
    }
    return count
  }
}
