import Foundation
import RunResults

/// The mapping from run results to JUnit (ARCHITECTURE.md, "Reports").
///
/// `testsuites` > one `testsuite` per spec file (name = path without `.md`, `/` as `.`)
/// > one `testcase` per scenario or table row (classname = suite name, name = heading).
/// `fail` -> `failure type=ExpectationMismatch`; `error` -> `error type=SpecError`;
/// `skipped` -> `skipped`; `xfail` -> `skipped type=xfail message="expected failure: ..."`;
/// `xpass` -> `failure type=UnexpectedPass`. Warnings go to the case's `system-out`.
public enum JUnitReport {
  /// The JUnit document of `result`.
  public static func document(from result: RunResult, hostname: String? = JUnitReport.hostname) -> JUnitDocument {
    JUnitDocument(
      name: "lora-spec",
      suites: result.suites.map { suite in
        JUnitSuite(
          name: suite.name, time: suite.time, timestamp: timestamp(suite.timestamp), hostname: hostname,
          file: suite.file, properties: suite.properties.map { JUnitProperty(name: $0.name, value: $0.value) },
          cases: suite.cases.map { testCase($0, suite: suite) })
      }, wallTime: result.time)
  }

  /// A case points at its first failing block when it failed there (annotators draw the
  /// failure where it is), with the scenario heading kept in the `lora-spec.heading-line`
  /// property; a passing case points at its heading.
  static func testCase(_ result: CaseResult, suite: SuiteResult) -> JUnitCase {
    var properties = result.properties.map { JUnitProperty(name: $0.name, value: $0.value) }
    var location = result.location
    if let failure = result.failureLocation, failure.line != nil {
      if let heading = result.location?.line {
        properties.append(JUnitProperty(name: "lora-spec.heading-line", value: String(heading)))
      }
      location = failure
    }
    return JUnitCase(
      classname: suite.name, name: result.name, time: result.time, file: location?.file ?? suite.file,
      line: location?.line, properties: properties,
      outcome: outcome(result),
      systemOut: result.warnings.isEmpty ? nil : result.warnings.map { "warning: \($0)" }.joined(separator: "\n"))
  }

  static func outcome(_ result: CaseResult) -> JUnitOutcome? {
    let message = result.message.map(firstLine)
    let body = result.details.isEmpty ? result.message : result.details
    switch result.code {
    case .pass:
      return nil
    case .fail:
      return JUnitOutcome(
        kind: .failure, type: result.problemType ?? "ExpectationMismatch", message: message, body: body)
    case .xpass:
      return JUnitOutcome(kind: .failure, type: "UnexpectedPass", message: message, body: body)
    case .error:
      return JUnitOutcome(kind: .error, type: result.problemType ?? "SpecError", message: message, body: body)
    case .skipped:
      return JUnitOutcome(kind: .skipped, type: nil, message: message ?? "skipped", body: nil)
    case .xfail:
      return JUnitOutcome(
        kind: .skipped, type: "xfail", message: message ?? "expected failure",
        body: result.details.isEmpty ? nil : result.details)
    }
  }

  private static func firstLine(_ text: String) -> String {
    String(text.prefix { $0 != "\n" && $0 != "\r" })
  }

  /// `YYYY-MM-DDThh:mm:ss` in UTC, without zone or fraction (what Ant, Surefire and Azure
  /// all accept).
  public static func timestamp(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0,
      parts.minute ?? 0, parts.second ?? 0)
  }

  /// This machine's host name.
  public static var hostname: String? {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
    let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return name.isEmpty ? nil : name
  }
}
