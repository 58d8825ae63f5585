import Foundation
import RunResults

/// `--format json`: one object with the results, the counts and the exit code.
public enum JSONReport {
  private struct Document: Encodable {
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
