import SpecFormat
import SpecRunner

/// `expect error` (the message contains the body's text; `expect error exact`: equals it)
/// and `expect warning` (some warning contains it). Set braces in PEFT's messages come
/// from Python sets, whose order varies: `{'q_proj', 'v_proj'}` equals `{'v_proj', 'q_proj'}`.
enum ErrorExpectations {
  static func error(_ block: SpecBlock, _ context: inout ScenarioContext) throws -> ExpectationResult {
    let exact = block.arguments.positional.dropFirst().contains("exact")
    let expected = block.body.trimmingCharacters(in: .whitespacesAndNewlines)
    switch try ScenarioEngine.outcome(&context, at: block.location) {
    case .ready(let state):
      let adapted = state.adapted.count
      return .fail(
        actual: nil, diff: "the scenario ran without an error (\(adapted) modules adapted)",
        message: "expected an error, but the engine raised none")
    case .failed(let failure):
      let actual = failure.message
      let holds = exact ? SetText.equal(actual, expected) : SetText.contains(actual, expected)
      if holds && !expected.isEmpty { return .pass(actual: actual) }
      return .fail(
        actual: actual,
        diff:
          "expected \(exact ? "exactly" : "a message containing"):\n  \(expected)\ngot \(failure.type):\n  \(actual)",
        message: expected.isEmpty ? "expect error is empty" : "the error message differs")
    }
  }

  static func warning(_ block: SpecBlock, _ context: inout ScenarioContext) throws -> ExpectationResult {
    let state = try ScenarioEngine.state(&context, at: block.location)
    let expected = block.body.trimmingCharacters(in: .whitespacesAndNewlines)
    let actual = state.warnings.joined(separator: "\n")
    if !expected.isEmpty, state.warnings.contains(where: { SetText.contains($0, expected) }) {
      return .pass(actual: block.body)
    }
    return .fail(
      actual: actual.isEmpty ? nil : actual,
      diff: state.warnings.isEmpty
        ? "no warning was emitted" : "warnings emitted:\n" + state.warnings.map { "  \($0)" }.joined(separator: "\n"),
      message: expected.isEmpty ? "expect warning is empty" : "no warning contains the expected text")
  }
}

/// Text comparison where `{...}` groups of comma-separated items compare as sets.
enum SetText {
  static func canonical(_ text: String) -> String {
    var out = ""
    var index = text.startIndex
    while index < text.endIndex {
      let c = text[index]
      if c == "{", let close = text[index...].firstIndex(of: "}") {
        let inner = text[text.index(after: index)..<close]
        if !inner.contains(":") {
          let items = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.sorted()
          out += "{" + items.joined(separator: ", ") + "}"
          index = text.index(after: close)
          continue
        }
      }
      out.append(c)
      index = text.index(after: index)
    }
    return out
  }

  static func equal(_ a: String, _ b: String) -> Bool { canonical(a) == canonical(b) }

  static func contains(_ haystack: String, _ needle: String) -> Bool {
    haystack.contains(needle) || canonical(haystack).contains(canonical(needle))
  }
}
