import Foundation

/// Paths inside this repository, found from this source file's location.
public enum RepositoryPaths {
  /// The package root (the folder of Package.swift).
  public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `path` relative to the package root.
  public static func file(_ path: String) -> URL { root.appendingPathComponent(path) }

  /// A fresh temporary directory (the caller removes it).
  public static func temporaryDirectory(_ label: String = "test") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lora-spec-\(label)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
