import ConfigValues
import LoRA
import RunResults
import SpecFormat
import SpecRunner
import Support

/// Reads a block body as a YAML/JSON mapping and hands out its fields, turning every
/// problem into a `SpecError` at the right line of the Markdown file.
struct SpecFields {
  let block: SpecBlock
  private(set) var entries = ConfigObject()

  /// Parses the body; an empty body is an empty mapping.
  init(_ block: SpecBlock) throws {
    self.block = block
    if block.isEmpty {
      entries = ConfigObject()
      return
    }
    let value: ConfigValue
    do {
      value = try ConfigValue.parse(block.body, file: block.location.file)
    } catch {
      throw SpecError(
        "\(block.title) block is not valid YAML: \(error.message)", in: block, bodyLine: error.line ?? 1)
    }
    guard case .object(let entries) = value else {
      throw SpecError("\(block.title) block must be a YAML mapping, got \(value.typeDescription)", at: block.location)
    }
    self.entries = entries
  }

  /// Throws for a key outside `known`, naming the closest valid one.
  func rejectUnknown(_ known: [String]) throws {
    for entry in entries where !known.contains(entry.key) {
      throw SpecError.unknownField(entry.key, in: block, validFields: known, bodyLine: entry.line)
    }
  }

  subscript(key: String) -> ConfigEntry? { entries.entry(key) }

  /// The location of a field (the block when unknown).
  func location(of entry: ConfigEntry?) -> InputLocation {
    guard let line = entry?.line else { return block.location }
    return block.location(ofBodyLine: line)
  }

  func string(_ key: String) throws -> String? {
    guard let entry = self[key] else { return nil }
    switch entry.value {
    case .null: return nil
    case .string(let s): return s
    case .int(let i): return String(i)
    default: throw SpecError("'\(key)' must be a string", at: location(of: entry))
    }
  }

  func int(_ key: String) throws -> Int? {
    guard let entry = self[key] else { return nil }
    switch entry.value {
    case .null: return nil
    case .int(let i): return i
    default: throw SpecError("'\(key)' must be an integer", at: location(of: entry))
    }
  }

  func double(_ key: String) throws -> Double? {
    guard let entry = self[key] else { return nil }
    switch entry.value {
    case .null: return nil
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: throw SpecError("'\(key)' must be a number", at: location(of: entry))
    }
  }

  /// A list of strings; a single string counts as a one-element list.
  func strings(_ key: String) throws -> [String]? {
    guard let entry = self[key] else { return nil }
    switch entry.value {
    case .null: return nil
    case .string(let s): return [s]
    case .array(let items):
      return try items.map { item in
        guard case .string(let s) = item else {
          throw SpecError("'\(key)' must be a list of strings", at: location(of: entry))
        }
        return s
      }
    default: throw SpecError("'\(key)' must be a list of strings", at: location(of: entry))
    }
  }
}
