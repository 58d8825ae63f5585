import ConfigValues
import Foundation
import LoRAModules
import LoRANumerics
import Support

/// Reading `config.json` files (and other JSON inputs) with errors that name the
/// file, line and column.
public enum ConfigFile {
  /// Parses a JSON file.
  public static func readJSON(_ url: URL) throws(ModelSourceError) -> ConfigValue {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ModelSourceError(
        source: url.path, "cannot read the file (\((error as NSError).localizedDescription)); check the path")
    }
    do {
      return try ConfigValue.parseJSON([UInt8](data))
    } catch {
      throw ModelSourceError(source: url.path, line: error.line, column: error.column, "invalid JSON: \(error.reason)")
    }
  }

  /// Reads a `config.json` object.
  public static func read(_ url: URL) throws(ModelSourceError) -> ConfigObject {
    let value = try readJSON(url)
    guard case .object(let object) = value else {
      throw ModelSourceError(
        source: url.path, "a config.json must be a JSON object, found \(value.jsonTypeDescription)")
    }
    return object
  }

  /// Builds the catalog model a `config.json` describes (full size, structure only).
  /// A bad value is reported at the line of its key.
  public static func loadModel(_ url: URL) throws(ModelSourceError) -> ModuleTree {
    try build(config: read(url), file: url)
  }

  /// Builds a config already read from `url`, locating errors in the file.
  static func build(config: ConfigObject, file url: URL) throws(ModelSourceError) -> ModuleTree {
    do {
      return try ModelCatalog.build(config: config, source: url.path)
    } catch var error {
      if error.line == nil, let key = error.key, let data = try? Data(contentsOf: url),
        let (line, column) = locate(keyPath: key, in: [UInt8](data))
      {
        error.line = line
        error.column = column
      }
      throw error
    }
  }

  /// The line and column of the last key of a dotted key path in JSON text, found by
  /// looking for each `"key":` after the previous one (good enough for config files).
  static func locate(keyPath: String, in bytes: [UInt8]) -> (Int, Int)? {
    var start = 0
    var found: Int?
    for component in keyPath.split(separator: ".") {
      let needle = Array("\"\(component)\"".utf8)
      guard let hit = firstKey(needle, in: bytes, from: start) else { return nil }
      found = hit
      start = hit + needle.count
    }
    guard let offset = found else { return nil }
    let position = TextPosition.of(offset: offset, in: bytes)
    return (position.line, position.column)
  }

  private static func firstKey(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    guard needle.count <= bytes.count else { return nil }
    var i = start
    while i + needle.count <= bytes.count {
      if bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle {
        var j = i + needle.count
        while j < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[j]) { j += 1 }
        if j < bytes.count, bytes[j] == UInt8(ascii: ":") { return i }
      }
      i += 1
    }
    return nil
  }
}
