import Foundation
import LoRAModules
import LoRANumerics

/// Reading `config.json` files (and other JSON inputs) with errors that name the
/// file, line and column.
public enum ConfigFile {
  /// Parses a JSON file.
  public static func readJSON(_ url: URL) throws(ModelSourceError) -> JSONValue {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw ModelSourceError(
        source: url.path, "cannot read the file (\((error as NSError).localizedDescription)); check the path")
    }
    do {
      return try JSONValue.parse([UInt8](data))
    } catch {
      throw ModelSourceError(source: url.path, line: error.line, column: error.column, "invalid JSON: \(error.reason)")
    }
  }

  /// Reads a `config.json` object.
  public static func read(_ url: URL) throws(ModelSourceError) -> [String: JSONValue] {
    let value = try readJSON(url)
    guard case .object(let object) = value else {
      throw ModelSourceError(source: url.path, "a config.json must be a JSON object, found \(value.typeDescription)")
    }
    return object
  }

  /// Builds the catalog model a `config.json` describes (full size, structure only).
  public static func loadModel(_ url: URL) throws(ModelSourceError) -> ModuleTree {
    try ModelCatalog.build(config: read(url), source: url.path)
  }
}
