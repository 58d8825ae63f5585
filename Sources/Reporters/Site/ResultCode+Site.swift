import RunResults

/// How the site shows an outcome: the runner's `ResultCode`, or `nil` for a block or case
/// that did not run. The site has no outcome vocabulary of its own.
extension Optional where Wrapped == ResultCode {
  /// The CSS class suffix (`status-pass`, ..., `status-not-run`).
  var cssName: String { self?.rawValue ?? "not-run" }

  /// The badge text.
  var badge: String {
    switch self {
    case .pass?: "✔ pass"
    case .fail?: "✘ fail"
    case .error?: "⚠ error"
    case .skipped?: "↷ skipped"
    case .xfail?: "✔ expected failure"
    case .xpass?: "✘ unexpected pass"
    case nil: "not run"
    }
  }

  /// Counts as a failure on the index.
  var isFailure: Bool { self?.isFailure ?? false }
}
