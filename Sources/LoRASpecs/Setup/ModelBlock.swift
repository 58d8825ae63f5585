import ConfigValues
import LoRA
import LoRAModels
import LoRANumerics
import RunResults
import SpecFormat
import SpecRunner
import Support

/// A `model` block: where the model comes from and what the user froze before injection.
struct ModelBlock: Sendable {
  /// Where the model's structure comes from.
  enum Source: Sendable {
    /// A catalog `model_type` or class name, with `config.json` overrides.
    case catalog(name: String, overrides: ConfigObject)
    /// A path: a `config.json`, a `.safetensors` file, an index, or a module-list file.
    case path(String)
    /// An inline module list (the `modules:` key): the block's YAML text and the Markdown
    /// line of its first line, for the module-list reader's error locations.
    case modules(text: String, bodyLine: Int)
  }

  var source: Source
  /// Module prefixes frozen before injection.
  var freezePrefixes: [String]
  /// A regex (Python `re.fullmatch` on the module path) whose modules are frozen.
  var freezeRegex: String?
  /// The block, for error locations.
  var location: InputLocation
  /// The Markdown line of each `config:` override key, by dotted key (`text_config.vocab_size`),
  /// so an error about a key points at the line that sets it.
  var overrideLocations: [String: InputLocation] = [:]

  static let fields = [
    "architecture", "config", "config_json", "safetensors", "path", "modules", "freeze", "freeze_regex",
  ]

  init(_ block: SpecBlock, in context: ScenarioContext) throws {
    let fields = try SpecFields(block)
    try fields.rejectUnknown(Self.fields)
    location = block.location
    freezePrefixes = try fields.strings("freeze") ?? []
    freezeRegex = try fields.string("freeze_regex")
    let sources = ["architecture", "config_json", "safetensors", "path", "modules"].filter { fields[$0] != nil }
    guard sources.count == 1 else {
      throw SpecError(
        sources.isEmpty
          ? "model block needs one of 'architecture', 'config_json', 'safetensors', 'path' or 'modules'"
          : "model block has several sources (\(sources.joined(separator: ", "))); keep one",
        at: block.location)
    }
    if let name = try fields.string("architecture") {
      var overrides = ConfigObject()
      if let entry = fields["config"] {
        guard case .object(let items) = entry.value else {
          throw SpecError("'config' must be a mapping of config.json keys", at: fields.location(of: entry))
        }
        overrides = items
        overrideLocations = Self.locations(of: items, prefix: "", in: fields)
      }
      source = .catalog(name: name, overrides: overrides)
    } else if fields["modules"] != nil {
      source = .modules(text: block.body, bodyLine: block.bodyLine)
    } else {
      let key = sources[0]
      guard let path = try fields.string(key) else {
        throw SpecError("'\(key)' must be a path", at: fields.location(of: fields[key]))
      }
      source = .path(context.resolve(path))
    }
    if fields["config"] != nil, case .catalog = source {
    } else if fields["config"] != nil {
      throw SpecError("'config' overrides apply to 'architecture' only", at: fields.location(of: fields["config"]))
    }
  }

  /// The location of every key of `object` and of its nested objects, by dotted key.
  private static func locations(of object: ConfigObject, prefix: String, in fields: SpecFields)
    -> [String: InputLocation]
  {
    var out: [String: InputLocation] = [:]
    for entry in object {
      let key = prefix.isEmpty ? entry.key : prefix + "." + entry.key
      out[key] = fields.location(of: entry)
      if case .object(let nested) = entry.value {
        out.merge(locations(of: nested, prefix: key, in: fields)) { first, _ in first }
      }
    }
    return out
  }
}
