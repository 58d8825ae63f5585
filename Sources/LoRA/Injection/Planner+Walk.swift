import LoRAModules

extension Planner {
  /// Where a module stands with respect to the tuner layers already in the model.
  enum TunerPosition: Equatable {
    /// Outside every tuner layer.
    case outside
    /// It is a tuner layer (a LoRA layer of an earlier adapter).
    case tunerLayer
    /// Inside the tuner layer at `layer` (`x.base_layer`, `x.lora_A.default`): PEFT never
    /// targets these keys.
    case inside(layer: String)
  }

  /// Every module in `named_modules()` order (the root only when asked) with its position
  /// with respect to existing tuner layers: the one walk the planner's steps share.
  func walkModules<Failure: Error>(
    includingRoot: Bool = false, _ visit: (Module, TunerPosition) throws(Failure) -> Void
  ) throws(Failure) {
    var current: String?
    for module in tree.modules where includingRoot || !module.path.isEmpty {
      if let layer = current, module.path.hasPrefix(layer + ".") {
        try visit(module, .inside(layer: layer))
        continue
      }
      current = context.tunerLayers[module.path] != nil ? module.path : nil
      try visit(module, current == nil ? .outside : .tunerLayer)
    }
  }
}
