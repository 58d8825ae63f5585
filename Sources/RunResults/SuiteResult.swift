import Foundation

/// The results of one spec file.
public struct SuiteResult: Sendable, Hashable, Codable {
  /// The suite name: the path relative to the spec root without `.md`, `/` as `.`, dots
  /// inside a segment as `_` (`Specs/matching/regex.v2.md` -> `matching.regex_v2`).
  public var name: String
  /// The spec file path as reported (`Specs/matching/regex.md`).
  public var file: String
  /// The `#` title, when the file has one.
  public var title: String?
  /// The cases in document order.
  public var cases: [CaseResult]
  /// Wall time in seconds (sum of the cases' times).
  public var time: Double
  /// When the suite started.
  public var timestamp: Date
  /// Suite properties (tool version, PEFT semantics version, kernel, shard).
  public var properties: [Property]

  public init(
    name: String, file: String, title: String? = nil, cases: [CaseResult] = [], time: Double = 0,
    timestamp: Date = Date(), properties: [Property] = []
  ) {
    self.name = name
    self.file = file
    self.title = title
    self.cases = cases
    self.time = time
    self.timestamp = timestamp
    self.properties = properties
  }

  /// The counts of the cases' codes.
  public var counts: ResultCounts { ResultCounts(cases) }
}
