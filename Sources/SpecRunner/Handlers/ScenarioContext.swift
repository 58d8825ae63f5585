import Foundation
import RunResults
import SpecFormat

/// The mutable state of one scenario, handed `inout` to every handler in document
/// order (background first). Each scenario has its own context; table rows get copies.
///
/// Handlers keep their state in typed slots: `context[MyState.self] = state`. Slots
/// holding value types are copied with the context; class instances are shared.
public struct ScenarioContext {
  /// The spec document the scenario belongs to.
  public let document: SpecDocument
  /// The scenario being run.
  public let scenario: Scenario
  /// Tags of the file and the scenario.
  public let tags: [String]
  /// Warnings for the report (JUnit `system-out`), in order.
  public private(set) var warnings: [String] = []
  /// Name/value pairs for the report (JUnit `testcase` properties in the extended flavour,
  /// JSON `properties`), in order.
  public private(set) var properties: [Property] = []
  private var slots: [ObjectIdentifier: Any] = [:]
  private(set) var temporaryDirectories: [URL] = []

  public init(document: SpecDocument, scenario: Scenario) {
    self.document = document
    self.scenario = scenario
    self.tags = document.tags + scenario.tags
  }

  /// The spec file's path.
  public var file: String { document.file }

  /// The directory of the spec file: relative paths in blocks are resolved against it.
  public var directory: String {
    let url = URL(fileURLWithPath: document.file)
    return url.deletingLastPathComponent().path
  }

  /// `path` resolved against the spec file's directory (absolute paths are kept).
  public func resolve(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    return URL(fileURLWithPath: directory).appendingPathComponent(path).standardizedFileURL.path
  }

  /// Records a warning shown with the case (and in JUnit `system-out`).
  public mutating func warn(_ message: String) {
    warnings.append(message)
  }

  /// Records a name/value pair on the case (a measured figure, a threshold), written into
  /// its JUnit `properties` (extended flavour) and its JSON result.
  public mutating func record(property: Property) {
    properties.append(property)
  }

  /// The state stored under its own type, or `nil`.
  public subscript<Value>(_ type: Value.Type) -> Value? {
    get { slots[ObjectIdentifier(type)] as? Value }
    set { slots[ObjectIdentifier(type)] = newValue }
  }

  /// A fresh temporary directory for this scenario (for `save`/`load`), removed when the
  /// scenario ends.
  public mutating func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "lora-spec-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    temporaryDirectories.append(url)
    return url
  }

  /// Removes the temporary directories made by `makeTemporaryDirectory`.
  func removeTemporaryDirectories() {
    for url in temporaryDirectories { try? FileManager.default.removeItem(at: url) }
  }
}
