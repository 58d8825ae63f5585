import LoRA
import SpecFormat
import SpecRunner

/// `expect ranks`: per adapted module and adapter, the rank, alpha and scaling PEFT
/// computed (`rank_pattern`, `alpha_pattern`, `use_rslora`), one line each:
/// `model.layers.0.self_attn.q_proj: r=4 alpha=8 scaling=2.0` (`[other]` after the
/// path for an adapter other than `default`). Only the listed modules are compared.
enum RankExpectation {
  static func lines(_ peft: PeftModel) -> [(key: String, value: String)] {
    peft.layers.flatMap { layer in
      layer.adapters.map { adapter in
        let key = adapter.name == "default" ? layer.path : "\(layer.path) [\(adapter.name)]"
        return (
          key, "r=\(adapter.r) alpha=\(PythonRepr.float(adapter.alpha)) scaling=\(PythonRepr.float(adapter.scaling))"
        )
      }
    }
  }

  static func check(_ block: SpecBlock, _ context: inout ScenarioContext) throws -> ExpectationResult {
    let state = try ScenarioEngine.state(&context, at: block.location)
    guard let peft = state.peft, !state.unloaded else {
      throw SpecError("expect ranks needs a ```lora block", at: block.location)
    }
    let all = lines(peft)
    let actual = all.map { "\($0.key): \($0.value)" }.joined(separator: "\n")
    let byKey = Dictionary(all, uniquingKeysWith: { a, _ in a })
    var problems: [String] = []
    var checked = 0
    for (offset, raw) in block.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let colon = line.range(of: ": ") else {
        throw SpecError("expect ranks lines are `module.path: r=R alpha=A scaling=S`", in: block, bodyLine: offset + 1)
      }
      checked += 1
      let key = String(line[..<colon.lowerBound])
      let value = String(line[colon.upperBound...])
      guard let got = byKey[key] else {
        problems.append("\(key) has no LoRA layer")
        continue
      }
      if Set(value.split(separator: " ")) != Set(got.split(separator: " ")) {
        problems.append("\(key): expected \(value), got \(got)")
      }
    }
    if checked == 0 { return .fail(actual: actual, message: "expect ranks is empty") }
    if problems.isEmpty { return .pass(actual: block.body) }
    return .fail(actual: actual, diff: problems.joined(separator: "\n"), message: problems[0])
  }
}
