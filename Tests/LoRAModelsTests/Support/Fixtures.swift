import Foundation

/// Files under `Tests/LoRAModelsTests/Fixtures` (copied into the test bundle).
enum Fixtures {
  static var root: URL? { Bundle.module.url(forResource: "Fixtures", withExtension: nil) }

  static func url(_ relativePath: String) throws -> URL {
    guard let root else { throw FixtureError(path: relativePath) }
    let url = root.appendingPathComponent(relativePath)
    guard FileManager.default.fileExists(atPath: url.path) else { throw FixtureError(path: relativePath) }
    return url
  }

  /// The fixture files in a subfolder with the given extension, sorted.
  static func files(in folder: String, withExtension ext: String) -> [URL] {
    guard let dir = root?.appendingPathComponent(folder),
      let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path)
    else { return [] }
    return names.filter { $0.hasSuffix("." + ext) }.sorted().map { dir.appendingPathComponent($0) }
  }

  struct FixtureError: Error, CustomStringConvertible {
    var path: String
    var description: String { "missing test fixture \(path)" }
  }
}
