import Support

/// The result of one test case: a scenario, or one row of an example table.
public struct CaseResult: Sendable, Hashable, Codable {
  /// The case name: the scenario heading, with ` [row N: col=value]` for table rows and
  /// ` (2)` for a repeated heading. Stable: never holds lines, times or random ids.
  public var name: String
  /// The outcome.
  public var code: ResultCode
  /// Where the case starts (the heading or the table row).
  public var location: InputLocation?
  /// Where the first problem is (the failing block, the broken line), for annotations;
  /// `nil` when it is `location` or the case passed.
  public var failureLocation: InputLocation?
  /// Wall time in seconds.
  public var time: Double
  /// One line saying what went wrong (or why it was skipped); `nil` for a pass.
  public var message: String?
  /// A stable token for the kind of problem: `ExpectationMismatch`, `SpecError`,
  /// `UnexpectedPass`, `xfail`, `skip`.
  public var problemType: String?
  /// The self-contained report body: the message, each failing block's `file:line` and
  /// its diff. Empty for a pass.
  public var details: String
  /// Warnings raised while the case ran (JUnit `system-out`).
  public var warnings: [String]
  /// Extra name/value pairs about the case.
  public var properties: [Property]

  public init(
    name: String, code: ResultCode, location: InputLocation? = nil, failureLocation: InputLocation? = nil,
    time: Double = 0,
    message: String? = nil, problemType: String? = nil, details: String = "",
    warnings: [String] = [], properties: [Property] = []
  ) {
    self.name = name
    self.code = code
    self.location = location
    self.failureLocation = failureLocation
    self.time = time
    self.message = message
    self.problemType = problemType
    self.details = details
    self.warnings = warnings
    self.properties = properties
  }
}
