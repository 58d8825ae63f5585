import ConfigValues
import LoRA
import RunResults
import SpecFormat
import SpecRunner
import Support

/// A `lora` block (`lora name=other` for a further adapter): a `LoraConfig` with PEFT's
/// field names, plus the lora-spec extension `skip_frozen`.
struct AdapterBlock: Sendable {
  /// The adapter name (`default` unless `name=` is given).
  var name: String
  /// The decoded config, or the error PEFT's `LoraConfig(...)` raised for it. A config
  /// error is an outcome a spec may expect (`expect error`), not a broken spec.
  var config: Result<LoraConfig, EngineFailure>
  var location: InputLocation

  init(_ block: SpecBlock) throws {
    location = block.location
    name = block.arguments["name"] ?? "default"
    if let unknown = block.arguments.named.first(where: { $0.key != "name" }) {
      throw SpecError.unknownField(unknown.key, in: block, validFields: ["name"])
    }
    if let extra = block.arguments.positional.first {
      throw SpecError("unexpected argument '\(extra)' in lora block; write `lora name=\(extra)`", at: block.location)
    }
    let value: ConfigValue
    do {
      value = block.isEmpty ? .object([]) : try ConfigValue.parse(block.body, file: block.location.file)
    } catch {
      throw SpecError("lora block is not valid YAML or JSON: \(error.message)", in: block, bodyLine: error.line ?? 1)
    }
    do {
      config = .success(try LoraConfig.decode(value, file: block.location.file))
    } catch let error as PeftError {
      config = .failure(EngineFailure(error, at: block.location))
    } catch let error as ConfigInputError {
      let at = error.line.map { block.location(ofBodyLine: $0) } ?? block.location
      config = .failure(EngineFailure(type: "ConfigError", message: error.message, location: at))
    }
  }
}
