import LoRAModules

extension PeftModel {
  /// lora-spec extension (PEFT never reports this): adapted modules whose base parameters
  /// were all frozen in the model as given, before injection — LoRA that lands in a
  /// frozen tower and is trainable anyway (PEFT issue #2250). In `named_modules()` order.
  /// Frozen as ``FrozenModules`` defines it.
  public var adaptedFrozen: [String] {
    let frozen = FrozenModules(base)
    return layers.map(\.path).filter(frozen.contains)
  }
}
