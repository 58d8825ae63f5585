import Foundation
import LoRAModules

extension PeftModel {
  /// `get_nb_trainable_parameters()`: (trainable, all) element counts over
  /// `named_parameters()`, tied tensors counted once. Includes the base model, every
  /// adapter (active or not), `original_module` and the `modules_to_save` copies.
  public var parameterCounts: (trainable: Int, all: Int) { tree.parameterCounts }

  /// `print_trainable_parameters()`'s line:
  /// `trainable params: 160 || all params: 380 || trainable%: 42.1053`.
  ///
  /// - Throws: ``PeftError`` `ZeroDivisionError` when the model has no parameters (as PEFT).
  public func trainableParametersLine() throws(PeftError) -> String {
    let (t, a) = parameterCounts
    return try Self.trainableParametersLine(trainable: t, all: a)
  }

  /// The line for given counts.
  public static func trainableParametersLine(trainable: Int, all: Int) throws(PeftError) -> String {
    guard all != 0 else { throw PeftError(.zeroDivisionError, "division by zero") }
    let percent = String(format: "%.4f", 100 * Double(trainable) / Double(all))
    return
      "trainable params: \(groupedThousands(trainable)) || all params: \(groupedThousands(all)) || trainable%: \(percent)"
  }

  /// Full names (PEFT's, with `base_model.model.`) of every parameter with `requires_grad`.
  public var trainableParameterNames: [String] {
    tree.namedParameters.filter(\.parameter.requiresGrad).map { Self.namePrefix + $0.fullName }
  }
}

/// Python's `format(n, ",d")`.
func groupedThousands(_ n: Int) -> String {
  let digits = String(n.magnitude)
  var out = ""
  for (i, c) in digits.enumerated() {
    if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
    out.append(c)
  }
  return n < 0 ? "-" + out : out
}
