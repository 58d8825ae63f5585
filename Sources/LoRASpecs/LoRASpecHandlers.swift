import LoRA
import LoRANumerics
import RunResults
import SpecFormat
import SpecRunner

/// The LoRA block handlers that `lora-spec run` evaluates specs with:
/// `model`, `lora`, `do`, `expect <kind>`, `bench` and the `match` example table.
public enum LoRASpecHandlers {
  /// The registry of every LoRA block handler.
  public static func registry() -> HandlerRegistry {
    var registry = HandlerRegistry()
    registry.register(block: "model") { block, context in
      let model = try ModelBlock(block, in: context)
      try ScenarioSetup.update(&context) { setup in
        if setup.model != nil, !setup.adapters.isEmpty {
          throw SpecError("a model block after a lora block: put the model first", at: block.location)
        }
        setup.model = model
      }
    }
    registry.register(block: "lora") { block, context in
      let adapter = try AdapterBlock(block)
      try ScenarioSetup.update(&context) { setup in
        if let same = setup.adapters.first(where: { $0.name == adapter.name }) {
          throw SpecError(
            "a second lora block for adapter '\(adapter.name)' (first at \(same.location)); name it: `lora name=other`",
            at: block.location)
        }
        setup.adapters.append(adapter)
      }
    }
    registry.register(block: "do") { block, context in
      let steps = try DoBlock.steps(block)
      ScenarioSetup.update(&context) { setup in setup.steps += steps.map { ($0, block.location) } }
    }
    registry.register(expectation: "adapted", allowsEmptyBody: true, guarded(StructureExpectations.adapted))
    registry.register(
      expectation: "adapted-frozen", allowsEmptyBody: true, guarded(StructureExpectations.adaptedFrozen))
    registry.register(expectation: "not-adapted", guarded(StructureExpectations.notAdapted))
    registry.register(expectation: "trainable", allowsEmptyBody: true, guarded(StructureExpectations.trainable))
    registry.register(expectation: "tree", allowsEmptyBody: true, guarded(StructureExpectations.tree))
    registry.register(expectation: "decisions", allowsEmptyBody: true, guarded(StructureExpectations.decisions))
    registry.register(expectation: "layer-status", allowsEmptyBody: true, guarded(StatusExpectations.layerStatus))
    registry.register(expectation: "model-status", allowsEmptyBody: true, guarded(StatusExpectations.modelStatus))
    registry.register(expectation: "ranks", allowsEmptyBody: true, guarded(RankExpectation.check))
    registry.register(expectation: "error", allowsEmptyBody: true, ErrorExpectations.error)
    registry.register(expectation: "warning", allowsEmptyBody: true, guarded(ErrorExpectations.warning))
    registry.register(expectation: "numerics", guarded(NumericExpectations.numerics))
    registry.register(expectation: "changed", allowsEmptyBody: true, guarded(NumericExpectations.changed))
    registry.register(expectation: "saved-keys", allowsEmptyBody: true, guarded(NumericExpectations.savedKeys))
    registry.register(table: "match", MatchTable.check)
    registry.register(checkingBlock: "bench", BenchBlockHandler())
    return registry
  }

  /// Properties written on every JUnit suite: PEFT semantics version, kernel.
  public static func reportProperties() -> [Property] {
    [
      Property("peft.semantics", LoraConfig.peftVersionReproduced),
      Property("kernel", Kernels.set.name),
    ]
  }

  /// Turns an unexpected engine error into a failed expectation with PEFT's message.
  static func guarded(
    _ body: @escaping @Sendable (SpecBlock, inout ScenarioContext) throws -> ExpectationResult
  ) -> @Sendable (SpecBlock, inout ScenarioContext) throws -> ExpectationResult {
    { block, context in
      do {
        return try body(block, &context)
      } catch let error as UnexpectedEngineError {
        let where_ = error.failure.location.map { " (at \($0))" } ?? ""
        return .fail(
          actual: nil, diff: "\(error.failure.description)\(where_)",
          message: "the engine raised \(error.failure.type): \(error.failure.message)")
      }
    }
  }
}
