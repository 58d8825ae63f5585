import BenchRegression
import Foundation

/// Rows measured by a peer (`Scripts/peer-bench` output, schema `lora-spec-bench/1`), for
/// `lora-spec bench --peer FILE`: merged into the table and the saved JSON.
public enum PeerResults {
  /// The peer file's results, each noted with its origin (`peer: <Swift or Python version>`).
  public static func load(path: String) throws(PeerResultsError) -> [BenchResult] {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw PeerResultsError("cannot read peer file \(path): \(error.localizedDescription)")
    }
    let report: BenchReport
    do {
      report = try JSONDecoder().decode(BenchReport.self, from: data)
    } catch {
      throw PeerResultsError("\(path) is not a lora-spec-bench/1 JSON file: \(error)")
    }
    guard report.schema == BenchReport.currentSchema else {
      throw PeerResultsError("\(path): schema '\(report.schema)', expected '\(BenchReport.currentSchema)'")
    }
    let origin = "peer: \(report.fingerprint.swift)"
    return report.results.map { row in
      var row = row
      row.note = row.note.map { "\(origin); \($0)" } ?? origin
      return row
    }
  }
}

/// A peer file that cannot be read or is not a benchmark run.
public struct PeerResultsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong, naming the file.
  public var description: String

  /// The error with its message.
  public init(_ description: String) {
    self.description = description
  }
}
