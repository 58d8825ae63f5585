import Foundation
import RunResults

/// `--format json`: one object with the results, the counts and the exit code, keys in
/// snake_case like every JSON output of lora-spec, with a `schema` (`lora-spec-run/1`).
public enum JSONReport {
  /// The schema identifier of the document.
  public static let schema = "lora-spec-run/1"

  private struct Document: Encodable {
    var schema = JSONReport.schema
    var counts: ResultCounts
    var exitCode: Int32
    var result: RunResult
    var updatedFiles: [String]
    var updateProblems: [String]
    var unreadableFiles: [String]
  }

  /// The JSON text (sorted keys, ISO 8601 dates) of `outcome`.
  public static func render(_ outcome: RunOutcome) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let document = Document(
      counts: outcome.result.counts, exitCode: outcome.exitCode, result: outcome.result,
      updatedFiles: outcome.updatedFiles, updateProblems: outcome.updateProblems,
      unreadableFiles: outcome.unreadableFiles)
    guard let data = try? encoder.encode(document) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
