import Foundation
import SpecFormat
import SpecRunner

/// `expect numerics`, `expect changed` and `expect saved-keys`: claims about real weights,
/// for models given as a `modules:` list.
///
/// `expect numerics` lines: `name: value ± tolerance` (`+-` works too), `name: value`
/// (exact), `name < bound` or `name > bound`. The names are `NumericsState.quantities`.
enum NumericExpectations {
  struct Claim {
    enum Relation { case within(Double, tolerance: Double), below(Double), above(Double) }
    var name: String
    var relation: Relation
    var line: Int
  }

  static func parse(_ block: SpecBlock) throws -> [Claim] {
    var claims: [Claim] = []
    for (offset, raw) in block.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      let bodyLine = offset + 1
      func number(_ text: some StringProtocol) throws -> Double {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
          throw SpecError(
            "'\(text.trimmingCharacters(in: .whitespaces))' is not a number", in: block, bodyLine: bodyLine)
        }
        return value
      }
      let name: String
      let relation: Claim.Relation
      if let colon = line.firstIndex(of: ":") {
        name = line[..<colon].trimmingCharacters(in: .whitespaces)
        let rest = String(line[line.index(after: colon)...]).replacingOccurrences(of: "+-", with: "±")
        let parts = rest.split(separator: "±", maxSplits: 1)
        relation = .within(try number(parts.first ?? ""), tolerance: parts.count > 1 ? try number(parts[1]) : 0)
      } else if let lt = line.firstIndex(of: "<") {
        name = line[..<lt].trimmingCharacters(in: .whitespaces)
        relation = .below(try number(line[line.index(after: lt)...]))
      } else if let gt = line.firstIndex(of: ">") {
        name = line[..<gt].trimmingCharacters(in: .whitespaces)
        relation = .above(try number(line[line.index(after: gt)...]))
      } else {
        throw SpecError(
          "expect numerics lines are `name: value ± tolerance`, `name < bound` or `name > bound`", in: block,
          bodyLine: bodyLine)
      }
      let known = NumericsState.quantities.map(\.name)
      guard known.contains(name) else {
        throw SpecError.unknownField(name, in: block, validFields: known, bodyLine: bodyLine)
      }
      claims.append(Claim(name: name, relation: relation, line: bodyLine))
    }
    return claims
  }

  static func numerics(_ block: SpecBlock, _ context: inout ScenarioContext) throws -> ExpectationResult {
    let claims = try parse(block)
    guard !claims.isEmpty else { throw SpecError("expect numerics has nothing to check", at: block.location) }
    let state = try ScenarioEngine.state(&context, at: block.location, numerics: true)
    guard let numerics = state.numerics else { throw NumericsState.notAvailable(at: block.location) }
    var report: [String] = []
    var problems: [String] = []
    for claim in claims {
      guard let measured = try numerics.quantity(claim.name) else {
        throw SpecError(
          "\(claim.name) was not measured in this scenario (it needs a \(claim.name.contains("merge") ? "merge" : claim.name.contains("saved") ? "save and load" : "train") step)",
          in: block, bodyLine: claim.line)
      }
      let value = Double(measured)
      let holds: Bool
      let text: String
      switch claim.relation {
      case .within(let expected, let tolerance):
        holds = abs(value - expected) <= tolerance
        text = "\(claim.name) = \(format(value)), expected \(format(expected)) ± \(format(tolerance))"
      case .below(let bound):
        holds = value < bound
        text = "\(claim.name) = \(format(value)), expected < \(format(bound))"
      case .above(let bound):
        holds = value > bound
        text = "\(claim.name) = \(format(value)), expected > \(format(bound))"
      }
      report.append(text)
      if !holds { problems.append(text) }
    }
    if problems.isEmpty { return .pass(actual: block.body) }
    return .fail(actual: nil, diff: report.joined(separator: "\n"), message: problems[0])
  }

  static func format(_ value: Double) -> String {
    if value == 0 { return "0" }
    return String(format: abs(value) < 1e-3 || abs(value) >= 1e4 ? "%.3e" : "%.6g", value)
  }

  /// The parameters training changed, compared as a set.
  static func changed(_ block: SpecBlock, _ context: inout ScenarioContext) throws -> ExpectationResult {
    let state = try ScenarioEngine.state(&context, at: block.location, numerics: true)
    guard let changed = state.numerics?.changedParameters else {
      throw SpecError("expect changed needs a `train` step in a do block before it", at: block.location)
    }
    return KeyListExpectation.check(
      expectedBody: block.body, actual: changed, what: ("changed parameter", "changed parameters"))
  }

  /// The tensor names in the saved `adapter_model.safetensors` (`saved-keys name=other` for another adapter).
  static func savedKeys(_ block: SpecBlock, _ context: inout ScenarioContext) throws -> ExpectationResult {
    let state = try ScenarioEngine.state(&context, at: block.location, numerics: true)
    let adapter = block.arguments["name"] ?? "default"
    guard let keys = state.numerics?.savedKeys[adapter] else {
      throw SpecError("expect saved-keys needs a `save` step (and an adapter named '\(adapter)')", at: block.location)
    }
    return KeyListExpectation.check(expectedBody: block.body, actual: keys, what: ("saved key", "saved keys"))
  }
}
