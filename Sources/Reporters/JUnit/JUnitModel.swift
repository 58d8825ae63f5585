/// A JUnit XML report as lora-spec writes and reads it (`testsuites` > `testsuite` >
/// `testcase`). `JUnitXML` turns it into XML and back; `JUnitReport` builds it from run
/// results.
public struct JUnitDocument: Sendable, Hashable {
  /// `testsuites@name`.
  public var name: String
  /// The suites in order.
  public var suites: [JUnitSuite]
  /// The run's wall time (suites may run in parallel); `nil` to sum the suites' times.
  public var wallTime: Double?

  public init(name: String = "lora-spec", suites: [JUnitSuite] = [], wallTime: Double? = nil) {
    self.name = name
    self.suites = suites
    self.wallTime = wallTime
  }

  /// Total cases.
  public var tests: Int { suites.reduce(0) { $0 + $1.tests } }
  /// Total `failure` elements.
  public var failures: Int { suites.reduce(0) { $0 + $1.failures } }
  /// Total `error` elements.
  public var errors: Int { suites.reduce(0) { $0 + $1.errors } }
  /// Total `skipped` elements.
  public var skipped: Int { suites.reduce(0) { $0 + $1.skipped } }
  /// `testsuites@time`: the wall time when known, else the sum of the suites' times.
  public var time: Double { wallTime ?? suites.reduce(0) { $0 + $1.time } }
}

/// One `testsuite`: a spec file.
public struct JUnitSuite: Sendable, Hashable {
  public var name: String
  public var time: Double
  /// `YYYY-MM-DDThh:mm:ss`, UTC, no zone.
  public var timestamp: String?
  public var hostname: String?
  public var file: String?
  public var properties: [JUnitProperty]
  public var cases: [JUnitCase]
  public var systemOut: String?
  public var systemErr: String?

  public init(
    name: String, time: Double = 0, timestamp: String? = nil, hostname: String? = nil, file: String? = nil,
    properties: [JUnitProperty] = [], cases: [JUnitCase] = [], systemOut: String? = nil, systemErr: String? = nil
  ) {
    self.name = name
    self.time = time
    self.timestamp = timestamp
    self.hostname = hostname
    self.file = file
    self.properties = properties
    self.cases = cases
    self.systemOut = systemOut
    self.systemErr = systemErr
  }

  /// Cases in the suite (always recomputed from the children).
  public var tests: Int { cases.count }
  /// Cases with a `failure`.
  public var failures: Int { cases.filter { $0.outcome?.kind == .failure }.count }
  /// Cases with an `error`.
  public var errors: Int { cases.filter { $0.outcome?.kind == .error }.count }
  /// Cases with `skipped`.
  public var skipped: Int { cases.filter { $0.outcome?.kind == .skipped }.count }
}

/// A `property` element.
public struct JUnitProperty: Sendable, Hashable {
  public var name: String
  public var value: String

  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// One `testcase`: a scenario or a table row.
public struct JUnitCase: Sendable, Hashable {
  public var classname: String
  public var name: String
  public var time: Double
  /// Extended flavour only.
  public var file: String?
  /// Extended flavour only.
  public var line: Int?
  /// Name/value pairs about the case (a bench block's ratio and threshold). Extended flavour
  /// only: junit-10 allows no `properties` inside a `testcase`.
  public var properties: [JUnitProperty]
  /// `failure`, `error` or `skipped`; `nil` for a pass.
  public var outcome: JUnitOutcome?
  public var systemOut: String?
  public var systemErr: String?

  public init(
    classname: String, name: String, time: Double = 0, file: String? = nil, line: Int? = nil,
    properties: [JUnitProperty] = [], outcome: JUnitOutcome? = nil, systemOut: String? = nil,
    systemErr: String? = nil
  ) {
    self.properties = properties
    self.classname = classname
    self.name = name
    self.time = time
    self.file = file
    self.line = line
    self.outcome = outcome
    self.systemOut = systemOut
    self.systemErr = systemErr
  }
}

/// The result element of a test case.
public struct JUnitOutcome: Sendable, Hashable {
  /// The element name.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case failure, error, skipped
  }

  public var kind: Kind
  /// `type` attribute (`ExpectationMismatch`, `SpecError`, `UnexpectedPass`, `xfail`).
  public var type: String?
  /// `message` attribute: one line.
  public var message: String?
  /// The element's text: message, `file:line`, diff.
  public var body: String?

  public init(kind: Kind, type: String? = nil, message: String? = nil, body: String? = nil) {
    self.kind = kind
    self.type = type
    self.message = message
    self.body = body
  }
}

/// How much a report may carry beyond Jenkins' junit-10 schema.
public enum JUnitFlavor: String, Sendable, Hashable, CaseIterable {
  /// Adds `file`/`line` on test cases and `skipped` on `testsuites`, read by GitHub and
  /// GitLab reporters. The default.
  case extended
  /// Only what Jenkins' junit-10 schema accepts (the xunit plugin rejects the rest).
  case strict
}
