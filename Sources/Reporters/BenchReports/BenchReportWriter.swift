import BenchRegression
import Foundation
import RunResults
import Support

/// Writes a comparison in every requested format at once, for `lora-spec bench`.
public enum BenchReportWriter {
  /// Where each report goes; `nil` leaves it out.
  public struct Destinations: Sendable {
    /// Markdown file (PR comment).
    public var markdown: String?
    /// Comparison JSON (schema `lora-spec-bench-comparison/1`).
    public var json: String?
    /// Bencher Metric Format JSON of the current run.
    public var bencher: String?
    /// Append the Markdown to this file (pass `$GITHUB_STEP_SUMMARY`).
    public var stepSummary: String?

    /// Destinations; all optional.
    public init(markdown: String? = nil, json: String? = nil, bencher: String? = nil, stepSummary: String? = nil) {
      self.markdown = markdown
      self.json = json
      self.bencher = bencher
      self.stepSummary = stepSummary
    }
  }

  /// Writes the requested files and returns the terminal table.
  public static func write(
    _ comparison: RunComparison, current: BenchReport, to destinations: Destinations
  ) throws -> String {
    let markdown = MarkdownComparisonReport.render(comparison)
    if let path = destinations.markdown { try save(Data(markdown.utf8), to: path) }
    if let path = destinations.json { try save(try JSONComparisonReport.render(comparison), to: path) }
    if let path = destinations.bencher {
      try save(try BencherMetricFormat.render(MeasuredRun(report: current)), to: path)
    }
    if let path = destinations.stepSummary, !path.isEmpty {
      do {
        try GitHubStepSummary(path: path).append(markdown)
      } catch {
        throw BenchReportError.cannotWrite(path, "cannot open the step summary for appending")
      }
    }
    return TerminalComparisonReport.render(comparison)
  }

  static func save(_ data: Data, to path: String) throws {
    do {
      try AtomicFile.write(data, to: path)
    } catch {
      throw BenchReportError.cannotWrite(path, error.reason)
    }
  }
}

/// A benchmark report that could not be written.
public enum BenchReportError: Error, CustomStringConvertible, Equatable {
  /// The file could not be written.
  case cannotWrite(String, String)

  /// The message, naming the file.
  public var description: String {
    switch self {
    case .cannotWrite(let path, let why): "\(path): cannot write the benchmark report (\(why))"
    }
  }
}
