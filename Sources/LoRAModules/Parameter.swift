/// One parameter of a module, as `named_parameters()` reports it.
///
/// Structure only: a shape and a `requires_grad` flag, never weight memory.
/// A tied parameter (`lm_head.weight` sharing `model.embed_tokens.weight`) names the
/// full name of the parameter it shares storage with in `tiedTo`; PyTorch counts
/// such a tensor once, and `requires_grad` is the owner's.
public struct Parameter: Hashable, Sendable {
  /// The local name inside its module, e.g. `weight`, `bias`, `lora_A.default.weight`.
  public var name: String
  /// The tensor shape, PyTorch order.
  public var shape: [Int]
  /// Whether the optimiser updates it.
  public var requiresGrad: Bool
  /// The full name of the parameter whose storage this one shares, if tied.
  public var tiedTo: String?

  public init(name: String, shape: [Int], requiresGrad: Bool = true, tiedTo: String? = nil) {
    self.name = name
    self.shape = shape
    self.requiresGrad = requiresGrad
    self.tiedTo = tiedTo
  }

  /// Number of elements: the product of the shape (1 for a scalar), or `Int.max` when the
  /// product does not fit (inputs are checked with ``checkedElementCount`` before they get here;
  /// this never traps).
  public var elementCount: Int { checkedElementCount ?? Int.max }

  /// The product of the shape, or `nil` when it overflows `Int` (a hostile shape).
  public var checkedElementCount: Int? {
    var product = 1
    for dimension in shape {
      let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
      if overflow { return nil }
      product = next
    }
    return product
  }
}
