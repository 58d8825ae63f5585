/// How many cases ended with each result code.
public struct ResultCounts: Sendable, Hashable, Codable {
  public var pass = 0
  public var fail = 0
  public var error = 0
  public var skipped = 0
  public var xfail = 0
  public var xpass = 0

  public init() {}

  /// Counts the codes of `cases`.
  public init(_ cases: some Sequence<CaseResult>) {
    for item in cases { add(item.code) }
  }

  /// Adds one case with `code`.
  public mutating func add(_ code: ResultCode) {
    switch code {
    case .pass: pass += 1
    case .fail: fail += 1
    case .error: error += 1
    case .skipped: skipped += 1
    case .xfail: xfail += 1
    case .xpass: xpass += 1
    }
  }

  /// Adds another set of counts.
  public mutating func add(_ other: ResultCounts) {
    pass += other.pass
    fail += other.fail
    error += other.error
    skipped += other.skipped
    xfail += other.xfail
    xpass += other.xpass
  }

  /// All cases.
  public var total: Int { pass + fail + error + skipped + xfail + xpass }
  /// Cases that make the run fail: `fail`, `error` and `xpass`.
  public var failing: Int { fail + error + xpass }
  /// JUnit `failures`: wrong expectations and unexpected passes.
  public var junitFailures: Int { fail + xpass }
  /// JUnit `skipped`: skipped cases and expected failures.
  public var junitSkipped: Int { skipped + xfail }
}
