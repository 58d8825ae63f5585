import BenchRegression
import Foundation

/// The comparison as JSON (schema `lora-spec-bench-comparison/1`): every verdict with its
/// statistics, reason, policy and both sets of raw samples, so any statistic can be recomputed.
public enum JSONComparisonReport {
  /// The JSON text (sorted keys, indented, snake_case keys).
  public static func render(_ comparison: RunComparison) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(Document(comparison: comparison))
  }

  struct Document: Encodable {
    let schema = RunComparison.schema
    let comparison: RunComparison
    let summary: [String: Int]
    let exitCode: Int32

    init(comparison: RunComparison) {
      self.comparison = comparison
      summary = Dictionary(uniqueKeysWithValues: Verdict.allCases.map { ($0.rawValue, comparison.count($0)) })
      exitCode = comparison.exitStatus(strict: false).rawValue
    }

    enum CodingKeys: String, CodingKey {
      case schema, summary, exitCode, baseline, current, sameMachine, machineDifferences, comparisons, unmatched
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(schema, forKey: .schema)
      try container.encode(summary, forKey: .summary)
      try container.encode(exitCode, forKey: .exitCode)
      try container.encode(comparison.baseline, forKey: .baseline)
      try container.encode(comparison.current, forKey: .current)
      try container.encode(comparison.sameMachine, forKey: .sameMachine)
      try container.encode(comparison.machineDifferences, forKey: .machineDifferences)
      try container.encode(comparison.comparisons.map(Entry.init), forKey: .comparisons)
      try container.encode(comparison.unmatched, forKey: .unmatched)
    }
  }

  /// One comparison flattened with its final verdict first.
  struct Entry: Encodable {
    let benchmark: String
    let kind: MetricKind
    let verdict: Verdict
    let reason: String
    let unit: String
    let polarity: Polarity
    let policy: RegressionPolicy
    let judgement: Judgement
    let confirmation: Confirmation?
    let baselineSamples: [Double]
    let currentSamples: [Double]

    init(_ c: MetricComparison) {
      benchmark = c.id.benchmark
      kind = c.id.kind
      verdict = c.verdict
      reason = c.finalJudgement.reason
      unit = c.unit
      polarity = c.polarity
      policy = c.policy
      judgement = c.judgement
      confirmation = c.confirmation
      baselineSamples = c.baselineSamples
      currentSamples = c.currentSamples
    }
  }
}
