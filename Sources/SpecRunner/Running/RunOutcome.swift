import RunResults

/// Everything a run produced: the results, the files `--update` rewrote, and the
/// problems with the input.
public struct RunOutcome: Sendable {
  /// The results, suites sorted by path, cases in document order.
  public var result: RunResult
  /// Spec files rewritten by `--update`.
  public var updatedFiles: [String]
  /// Problems met while updating (a file changed on disk, a write failed).
  public var updateProblems: [String]
  /// Spec files that could not be read (also reported as `error` cases).
  public var unreadableFiles: [String]

  public init(
    result: RunResult, updatedFiles: [String] = [], updateProblems: [String] = [], unreadableFiles: [String] = []
  ) {
    self.result = result
    self.updatedFiles = updatedFiles
    self.updateProblems = updateProblems
    self.unreadableFiles = unreadableFiles
  }

  /// 0 when everything passed, 1 when a case failed (or an `--update` rewrite could not
  /// be written), 2 when an input was unreadable.
  public var exitCode: Int32 {
    if !unreadableFiles.isEmpty { return 2 }
    return result.succeeded && updateProblems.isEmpty ? 0 : 1
  }
}

/// One finished scenario, for progress lines.
public struct RunProgress: Sendable {
  /// Scenarios finished so far.
  public var completed: Int
  /// Scenarios in the run.
  public var total: Int
  /// The spec file of the scenario that just finished.
  public var file: String
  /// Its name.
  public var scenario: String
}
