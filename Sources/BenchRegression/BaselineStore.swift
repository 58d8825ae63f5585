import Foundation
import Support

/// Stored benchmark runs: `--save` writes one, `--baseline FILE` reads one, and the history
/// (every run in the directory, oldest first) feeds the site's line charts.
///
/// A stored run is the `lora-spec-bench/1` report itself: raw samples, fingerprint and commit.
/// History files are named `<date>-<commit>.json`, so they sort by time.
public struct BaselineStore: Sendable {
  /// The directory, by default `Reports/baselines/`.
  public var directory: URL

  /// The default location, relative to the working directory.
  public static let defaultDirectory = URL(fileURLWithPath: "Reports/baselines", isDirectory: true)

  /// A store in `directory`.
  public init(directory: URL = BaselineStore.defaultDirectory) {
    self.directory = directory
  }

  /// Writes `report` to `file` (creating folders), as sorted, indented JSON.
  public static func write(_ report: BenchReport, to file: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
      try AtomicFile.write(try encoder.encode(report), to: file.path)
    } catch let error as AtomicFile.WriteError {
      throw BaselineError.cannotWrite(file.path, error.reason)
    } catch {
      throw BaselineError.cannotWrite(file.path, "\(error)")
    }
  }

  /// Reads a stored run, checking the schema.
  public static func read(_ file: URL) throws -> BenchReport {
    let data: Data
    do {
      data = try InputFile.read(file.path)
    } catch {
      throw BaselineError.cannotRead(file.path, error.reason)
    }
    let report: BenchReport
    do {
      report = try JSONDecoder().decode(BenchReport.self, from: data)
    } catch {
      throw BaselineError.notABenchReport(file.path, String(describing: error))
    }
    guard report.schema == BenchReport.currentSchema else {
      throw BaselineError.unknownSchema(file.path, report.schema)
    }
    return report
  }

  /// The history file name of `report`: `2026-11-30T05-12-00Z-1a2b3c4d.json` (colons replaced for
  /// portable file names; `nocommit` when the commit is unknown).
  public static func fileName(for report: BenchReport) -> String {
    let date = report.date.map { $0 == ":" || $0 == "/" ? "-" : $0 }
    let commit = report.fingerprint.commit.isEmpty ? "nocommit" : String(report.fingerprint.commit.prefix(8))
    return "\(String(date))-\(commit).json"
  }

  /// Adds `report` to the history and returns the file written.
  @discardableResult
  public func save(_ report: BenchReport) throws -> URL {
    let file = directory.appendingPathComponent(Self.fileName(for: report))
    try Self.write(report, to: file)
    return file
  }

  /// Every stored run, oldest first (by the report's date, then file name). Files that are not
  /// bench reports are reported in `skipped` with the reason, never fatal.
  public func history() throws -> (runs: [StoredRun], skipped: [String]) {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    } catch {
      if !FileManager.default.fileExists(atPath: directory.path) { return ([], []) }
      throw BaselineError.cannotRead(directory.path, error.localizedDescription)
    }
    var runs: [StoredRun] = []
    var skipped: [String] = []
    for name in names.sorted() where name.hasSuffix(".json") {
      let file = directory.appendingPathComponent(name)
      do {
        runs.append(StoredRun(file: file, report: try Self.read(file)))
      } catch {
        skipped.append(String(describing: error))
      }
    }
    runs.sort { ($0.report.date, $0.file.lastPathComponent) < ($1.report.date, $1.file.lastPathComponent) }
    return (runs, skipped)
  }
}

/// A run read from the history.
public struct StoredRun: Sendable {
  /// Where it was read from.
  public var file: URL
  /// The report.
  public var report: BenchReport
}

/// Why a stored run could not be written or read; every case names the file.
public enum BaselineError: Error, CustomStringConvertible, Equatable {
  /// The file or directory could not be read.
  case cannotRead(String, String)
  /// The file could not be written.
  case cannotWrite(String, String)
  /// The JSON is not a bench report.
  case notABenchReport(String, String)
  /// The schema is not `lora-spec-bench/1`.
  case unknownSchema(String, String)

  /// A message naming the file and what to do.
  public var description: String {
    switch self {
    case .cannotRead(let path, let why): "\(path): cannot read the baseline (\(why))"
    case .cannotWrite(let path, let why): "\(path): cannot write the baseline (\(why)); check the folder is writable"
    case .notABenchReport(let path, let why):
      "\(path): not a lora-spec bench report (\(why)); write one with 'lora-spec bench --save FILE'"
    case .unknownSchema(let path, let schema):
      "\(path): schema '\(schema)' is not \(BenchReport.currentSchema); re-save the baseline with this version"
    }
  }
}
