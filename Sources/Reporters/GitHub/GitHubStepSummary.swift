import Foundation

/// The step summary of a GitHub Actions job: the Markdown file `$GITHUB_STEP_SUMMARY` names,
/// which every step appends to.
public struct GitHubStepSummary: Sendable {
  /// The summary file.
  public var path: String

  /// The summary at `path`.
  public init(path: String) {
    self.path = path
  }

  /// The summary of this job, or `nil` outside GitHub Actions (the variable unset or empty).
  public static func fromEnvironment(
    _ environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> GitHubStepSummary? {
    guard let path = environment["GITHUB_STEP_SUMMARY"], !path.isEmpty else { return nil }
    return GitHubStepSummary(path: path)
  }

  /// Appends `text` to the file, creating it when missing.
  public func append(_ text: String) throws(GitHubStepSummaryError) {
    guard
      let handle = FileHandle(forWritingAtPath: path)
        ?? (FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil)
    else { throw GitHubStepSummaryError(path: path) }
    defer { try? handle.close() }
    _ = try? handle.seekToEnd()
    handle.write(Data(text.utf8))
  }
}

/// A step summary that could not be opened for appending.
public struct GitHubStepSummaryError: Error, Equatable, Sendable {
  /// The summary file.
  public var path: String

  /// The error for `path`.
  public init(path: String) {
    self.path = path
  }
}
