/// Why a tensor operation refused its arguments.
///
/// Every shape problem from outside the engine is reported with this error instead of a
/// trap, naming the operation and the shapes involved.
public struct TensorError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The operation that failed (`matmul`, `reshape`, `Tensor.init`).
  public var operation: String
  /// What was wrong, with the shapes.
  public var message: String

  public init(_ operation: String, _ message: String) {
    self.operation = operation
    self.message = message
  }

  public var description: String { "\(operation): \(message)" }
}

/// Formats a shape as PyTorch prints it: `[2, 3]`.
@inlinable
public func formatShape(_ shape: [Int]) -> String {
  "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
