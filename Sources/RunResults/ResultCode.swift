/// The closed set of outcomes a test case can have.
///
/// `fail` is a wrong expectation, `error` a spec that could not be evaluated (a broken
/// block, a missing file, a YAML error), `xfail` an expected failure that failed, and
/// `xpass` an expected failure that passed, which counts as a failure.
public enum ResultCode: String, Sendable, Hashable, Codable, CaseIterable {
  case pass
  case fail
  case error
  case skipped
  case xfail
  case xpass

  /// Whether this outcome makes the run fail (exit code 1).
  public var isFailure: Bool {
    switch self {
    case .fail, .error, .xpass: true
    case .pass, .skipped, .xfail: false
    }
  }

  /// A short upper-case label for human output (`PASS`, `FAIL`, `ERROR`, ...).
  public var label: String {
    switch self {
    case .pass: "PASS"
    case .fail: "FAIL"
    case .error: "ERROR"
    case .skipped: "SKIP"
    case .xfail: "XFAIL"
    case .xpass: "XPASS"
    }
  }
}
