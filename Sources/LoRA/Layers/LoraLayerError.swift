/// Errors of LoRA layers, with PEFT's texts where PEFT has one.
public enum LoraLayerError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `safe_merge` found non-finite values (PEFT's `ValueError`).
  case nanInMergedWeights(adapter: String)
  /// An adapter name the layer does not have.
  case unknownAdapter(String, layer: String)
  /// An adapter name that already exists on the layer.
  case duplicateAdapter(String, layer: String)
  /// A tensor whose shape does not fit the layer.
  case shapeMismatch(layer: String, what: String, expected: [Int], got: [Int])
  /// The wrong input kind (token ids for a Linear, features for an Embedding).
  case wrongInput(layer: String, message: String)
  /// An invalid hyper-parameter.
  case invalidArgument(String)

  public var description: String {
    switch self {
    case .nanInMergedWeights(let adapter):
      "NaNs detected in the merged weights. The adapter \(adapter) seems to be broken"
    case .unknownAdapter(let name, let layer):
      "Adapter \(name) not found on layer '\(layer)'."
    case .duplicateAdapter(let name, let layer):
      "Adapter with name '\(name)' already exists on layer '\(layer)'."
    case .shapeMismatch(let layer, let what, let expected, let got):
      "layer '\(layer)': \(what) has shape \(formatShapeList(got)), expected \(formatShapeList(expected))"
    case .wrongInput(let layer, let message):
      "layer '\(layer)': \(message)"
    case .invalidArgument(let message):
      message
    }
  }
}

func formatShapeList(_ shape: [Int]) -> String {
  "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
