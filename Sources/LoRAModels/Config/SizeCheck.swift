import LoRAModules

/// Guards against configurations whose sizes overflow: every parameter's element
/// count and the model total must fit comfortably in an `Int`, so later arithmetic
/// (`parameterCounts`, LoRA sizes) can never trap.
enum SizeCheck {
  /// The largest total accepted (2^60 elements, far beyond any real model).
  static let limit = 1 << 60

  static func validate(_ tree: ModuleTree, source: String) throws(ModelSourceError) {
    var total = 0
    for module in tree.modules {
      for p in module.parameters {
        var count = 1
        for d in p.shape {
          let (product, overflow) = count.multipliedReportingOverflow(by: d)
          guard !overflow, product <= limit else { throw tooLarge(module.fullName(of: p), p.shape, source) }
          count = product
        }
        let (sum, overflow) = total.addingReportingOverflow(count)
        guard !overflow, sum <= limit else { throw tooLarge(module.fullName(of: p), p.shape, source) }
        total = sum
      }
    }
  }

  static func tooLarge(_ name: String, _ shape: [Int], _ source: String) -> ModelSourceError {
    ModelSourceError(
      source: source, "the sizes are too large: \(name) \(shape) takes the model past 2^60 parameters; check the config"
    )
  }
}
