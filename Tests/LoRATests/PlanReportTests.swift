import ConfigValues
import LoRA
import LoRAModules
import Testing

/// `PlanReport`: the `lora-spec plan` JSON contract, text and tree views.
@Suite struct PlanReportTests {
  func model() throws -> PeftModel {
    func lin(_ p: String) -> Module {
      Module(
        path: p, typeName: "Linear", kind: .linear(inFeatures: 4, outFeatures: 4, bias: false),
        parameters: [Parameter(name: "weight", shape: [4, 4])])
    }
    var tree = ModuleTree(
      rootTypeName: "Toy",
      modules: [
        Module(path: "vision", typeName: "Tower", kind: .container), lin("vision.q_proj"),
        Module(path: "text", typeName: "Tower", kind: .container), lin("text.q_proj"), lin("text.k_proj"),
      ])
    tree.setRequiresGrad(false) { $0.hasPrefix("vision") }
    return try PeftModel(
      model: tree, config: LoraConfig.decode(#"{"target_modules": ["q_proj"], "r": 2}"#), info: .plainModule)
  }

  @Test func jsonFollowsTheCliContract() throws {
    let json = PlanReport(model: try model()).json()
    guard case .object(let entries) = json else {
      Issue.record("not an object")
      return
    }
    #expect(
      Array(entries.map(\.key).prefix(6)) == [
        "adapted", "adapted_frozen", "trainable_params", "all_params", "summary", "decisions",
      ])
    let text = PythonJSON.dumps(json)
    #expect(text.contains(#""adapted": [\#n    "vision.q_proj",\#n    "text.q_proj"\#n  ]"#))
    #expect(text.contains(#""adapted_frozen": [\#n    "vision.q_proj"\#n  ]"#))
    #expect(text.contains(#""summary": "trainable params: 32 || all params: 80 || trainable%: 40.0000""#))
    #expect(
      text.contains(
        #""module": "text.k_proj",\#n      "type": "Linear",\#n      "decision": "not_targeted",\#n      "reason": "not targeted""#
      ))
    #expect(text.contains(#""reason": "matched by suffix \"q_proj\"""#))
  }

  @Test func errorJsonHasTypeAndMessage() {
    let text = PythonJSON.dumps(PlanReport.errorJSON(type: "ValueError", message: "bad"))
    #expect(text == "{\n  \"error\": {\n    \"type\": \"ValueError\",\n    \"message\": \"bad\"\n  }\n}")
  }

  @Test func textGroupsDecisionsAndEndsWithPeftsLine() throws {
    let text = PlanReport(model: try model()).text()
    #expect(text.contains("adapter \"default\": 2 adapted"))
    #expect(text.contains("adapted but frozen before injection"))
    #expect(text.hasSuffix("trainable params: 32 || all params: 80 || trainable%: 40.0000"))
  }

  @Test func treeMarksAdaptedAndFrozenModules() throws {
    let lines = PlanReport(model: try model()).tree().split(separator: "\n").map(String.init)
    #expect(lines.first == "Toy")
    #expect(lines.contains("    q_proj (Linear)  [adapted, frozen]"))
    #expect(lines.contains("    k_proj (Linear)"))
  }
}
