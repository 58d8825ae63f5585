import Foundation
import LoRA
import SpecFormat
import SpecRunner
import Support

/// `expect adapted`, `adapted-frozen`, `not-adapted`, `trainable`, `decisions`, `tree`.
enum StructureExpectations {
  static func adapted(_ block: SpecBlock, _ context: inout ScenarioContext) throws -> ExpectationResult {
    let state = try ScenarioEngine.state(&context, at: block.location)
    return KeyListExpectation.check(
      expectedBody: block.body, actual: state.adapted, what: ("adapted module", "adapted modules"))
  }

  static func adaptedFrozen(_ block: SpecBlock, _ context: inout ScenarioContext) throws -> ExpectationResult {
    let state = try ScenarioEngine.state(&context, at: block.location)
    let frozen = state.unloaded ? [] : state.peft?.adaptedFrozen ?? []
    return KeyListExpectation.check(
      expectedBody: block.body, actual: frozen, what: ("adapted frozen module", "adapted frozen modules"))
  }

  /// Each listed key must name a module of the model that did not get an adapter.
  static func notAdapted(_ block: SpecBlock, _ context: inout ScenarioContext) throws -> ExpectationResult {
    let state = try ScenarioEngine.state(&context, at: block.location)
    let keys = block.body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    let adapted = Set(state.adapted)
    var problems: [String] = []
    for key in keys {
      if !state.base.contains(key) {
        var line = "no module named '\(key)' in the model"
        if let close = ClosestName.match(key, among: state.base.modules.map(\.path)) {
          line += " (\(ClosestName.phrase(close)))"
        }
        problems.append(line)
      } else if adapted.contains(key) {
        problems.append("'\(key)' got an adapter")
      }
    }
    if problems.isEmpty { return .pass(actual: block.body) }
    return .fail(actual: nil, diff: problems.joined(separator: "\n"), message: problems[0])
  }

  static func trainable(_ block: SpecBlock, _ context: inout ScenarioContext) throws -> ExpectationResult {
    let state = try ScenarioEngine.state(&context, at: block.location)
    let line: String
    if let peft = state.peft {
      line = try peft.trainableParametersLine()
    } else {
      let counts = state.base.parameterCounts
      line = try PeftModel.trainableParametersLine(trainable: counts.trainable, all: counts.all)
    }
    return .compare(expected: block.body, actual: line)
  }

  /// The module tree with adapted, frozen and adapted-but-frozen modules marked, as
  /// `lora-spec plan --format tree` prints it. `...` on a line of its own skips lines.
  static func tree(_ block: SpecBlock, _ context: inout ScenarioContext) throws -> ExpectationResult {
    let state = try ScenarioEngine.state(&context, at: block.location)
    guard let peft = state.peft, !state.unloaded else {
      throw SpecError("expect tree needs a ```lora block (and no merge_and_unload)", at: block.location)
    }
    let actual = PlanReport(model: peft).tree().trimmingCharacters(in: .newlines)
    if block.isEmpty { return .fail(actual: actual, message: "expect tree is empty") }
    return .compare(expected: block.body, actual: actual)
  }

  /// Each line `module.path: reason` must equal the engine's decision for that module.
  /// The actual text lists every module that is not simply "not targeted".
  static func decisions(_ block: SpecBlock, _ context: inout ScenarioContext) throws -> ExpectationResult {
    let state = try ScenarioEngine.state(&context, at: block.location)
    guard let peft = state.peft else {
      throw SpecError("expect decisions needs a ```lora block", at: block.location)
    }
    var decisions: [(String, String)] = []
    var listed: [String] = []
    var seen: Set<String> = []
    for adapter in peft.adapters {
      for d in adapter.plan.decisions where d.decision != .notTargeted {
        decisions.append((d.path, d.decision.description))
        // The actual text (what --update writes) leaves out the internals of the tuner
        // layers a further adapter walks past, and lines another adapter already gave.
        if case .adapterInternal = d.decision { continue }
        let line = "\(d.path): \(d.decision.description)"
        if seen.insert(line).inserted { listed.append(line) }
      }
    }
    let byPath = Dictionary(decisions, uniquingKeysWith: { a, _ in a })
    let actual = listed.joined(separator: "\n")
    var problems: [String] = []
    for (offset, raw) in block.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let colon = line.range(of: ": ") else {
        throw SpecError("expect decisions lines are `module.path: reason`", in: block, bodyLine: offset + 1)
      }
      let path = String(line[..<colon.lowerBound])
      let reason = String(line[colon.upperBound...])
      let got = byPath[path] ?? (state.base.contains(path) ? "not targeted" : nil)
      guard let got else {
        problems.append("no module named '\(path)' in the model")
        continue
      }
      if got != reason { problems.append("\(path): expected \"\(reason)\", got \"\(got)\"") }
    }
    if block.isEmpty { return .fail(actual: actual, message: "expect decisions is empty") }
    if problems.isEmpty { return .pass(actual: block.body) }
    return .fail(actual: actual, diff: problems.joined(separator: "\n"), message: problems[0])
  }
}
