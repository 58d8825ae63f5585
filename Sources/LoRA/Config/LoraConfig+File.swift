import ConfigValues
import Foundation
import Support

extension LoraConfig {
  /// Reads an adapter config from a file: `adapter_config.json`, a directory holding one, or the
  /// same keys in YAML. An unreadable file is a `ConfigInputError` naming it.
  public static func load(path: String) throws -> LoraConfig {
    var isDirectory: ObjCBool = false
    var file = path
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      file = (path as NSString).appendingPathComponent("adapter_config.json")
    }
    let data: Data
    do {
      data = try InputFile.read(file, limit: 64 << 20)
    } catch {
      throw ConfigInputError(file: file, message: "cannot read the file: \(error.reason)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ConfigInputError(file: file, message: "not UTF-8 text")
    }
    return try decode(text, file: file)
  }
}
