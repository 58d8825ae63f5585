import Foundation
import Support

/// Writes `--update` rewrites into spec files: only the bytes of the rewritten bodies
/// change; every other byte stays as it was.
public enum SpecUpdater {
  /// `source` with each update's body range replaced by its new body (indented like the
  /// fence, with the file's line ends). Overlapping or repeated ranges keep the first.
  public static func apply(_ updates: [BlockUpdate], to source: String) -> String {
    var bytes = Array(source.utf8)
    let lineEnd = source.contains("\r\n") ? "\r\n" : "\n"
    var applied: [Range<Int>] = []
    let ordered = updates.sorted { $0.block.bodyRange.lowerBound > $1.block.bodyRange.lowerBound }
    for update in ordered {
      let range = update.block.bodyRange
      guard range.lowerBound >= 0, range.upperBound <= bytes.count,
        !applied.contains(where: { $0.overlaps(range) || $0 == range })
      else { continue }
      applied.append(range)
      bytes.replaceSubrange(range, with: Array(render(update, lineEnd: lineEnd).utf8))
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The body text as it goes into the file.
  static func render(_ update: BlockUpdate, lineEnd: String) -> String {
    var lines = update.newBody.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    while lines.last?.isEmpty == true { lines.removeLast() }
    let indent = String(repeating: " ", count: update.block.indentation)
    return lines.map { ($0.isEmpty ? "" : indent + $0) + lineEnd }.joined()
  }

  /// Applies the updates of each file and writes the files that changed, atomically.
  /// A file that changed on disk since it was parsed is left alone. Returns the paths
  /// written and the problems met.
  public static func write(_ updates: [BlockUpdate], sources: [String: String]) -> (
    written: [String], problems: [String]
  ) {
    var written: [String] = []
    var problems: [String] = []
    let byFile = Dictionary(grouping: updates, by: \.block.location.file)
    for file in byFile.keys.sorted() {
      guard let parsed = sources[file], let fileUpdates = byFile[file] else { continue }
      guard let current = try? String(contentsOfFile: file, encoding: .utf8), current == parsed else {
        problems.append("\(file): changed on disk during the run; not updated")
        continue
      }
      let updated = apply(fileUpdates, to: current)
      guard updated != current else { continue }
      do {
        try AtomicFile.write(Data(updated.utf8), to: file)
        written.append(file)
      } catch {
        problems.append("\(file): could not write the update: \(error)")
      }
    }
    return (written, problems)
  }
}
