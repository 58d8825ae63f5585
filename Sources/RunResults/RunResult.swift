import Foundation

/// The results of one `lora-spec run`.
public struct RunResult: Sendable, Hashable, Codable {
  /// The suites in a deterministic order (sorted by file path).
  public var suites: [SuiteResult]
  /// Wall time of the whole run in seconds.
  public var time: Double
  /// When the run started.
  public var timestamp: Date
  /// Run-wide properties, repeated on every suite in JUnit.
  public var properties: [Property]

  public init(suites: [SuiteResult] = [], time: Double = 0, timestamp: Date = Date(), properties: [Property] = []) {
    self.suites = suites
    self.time = time
    self.timestamp = timestamp
    self.properties = properties
  }

  /// The counts over all suites.
  public var counts: ResultCounts {
    var counts = ResultCounts()
    for suite in suites { counts.add(suite.counts) }
    return counts
  }

  /// Whether every case passed (or was skipped, or failed as expected).
  public var succeeded: Bool { counts.failing == 0 }
}
