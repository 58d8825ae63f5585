import Foundation
import LoRA
import LoRAModules
import Testing

/// PEFT's own test cases (ported to `Fixtures/peft-cases.json`), table-driven.
@Suite struct PeftCasesTests {
  @Test func fixtureLoadsWithEveryCaseKindHandled() {
    let handled: Set<String> = [
      "module_match", "targeted_modules", "targeted_parameters", "find_minimal", "rank_alpha", "status",
      "requires_grad", "self_targeting", "inspect_matched", "all_linear_equivalence", "all_linear_passthrough",
      "all_linear_seqcls", "all_linear_second_adapter",
    ]
    let kinds = Set(PeftCases.cases.compactMap { $0["kind"]?.stringValue })
    #expect(PeftCases.cases.count == 210)
    #expect(kinds.isSubset(of: handled))
  }

  @Test func casesThatCannotApplyAreListedWithAReason() {
    let na = PeftCases.fixture["not_applicable"]?.arrayValue ?? []
    #expect(na.count == 14)
    for entry in na {
      let reason = entry["reason"]?.stringValue ?? ""
      #expect(reason.count > 20, "\(entry["id"]?.stringValue ?? "?") needs a reason")
    }
    let ids = Set(na.compactMap { $0["id"]?.stringValue })
    #expect(ids.contains("status_loha"))
    #expect(ids.contains("init_True"))
  }

  @Test(arguments: PeftCases.ids("module_match"))
  func moduleMatch(_ id: String) throws {
    let c = PeftCases.named(id)
    let config = try PeftCases.config(c["config"])
    let decision = try ModuleMatcher(config: config).decide(c["key"]?.stringValue ?? "")
    let expected = c["expected"]?.stringValue
    let actual =
      switch decision.outcome {
      case .matched: "match"
      case .excluded: "excluded"
      default: "no_match"
      }
    #expect(actual == expected, "\(id): \(decision)")
  }

  @Test(arguments: PeftCases.ids("targeted_modules"))
  func targetedModules(_ id: String) throws {
    let c = PeftCases.named(id)
    if let error = c["expected_error"]?["contains"]?.stringValue {
      do {
        _ = try PeftCases.inject(c)
        Issue.record("\(id): expected an error matching \(error)")
      } catch let e as PeftError {
        #expect(e.isValueError, "\(id)")
        #expect(pythonSearch(error, e.message), "\(id): \(e.message)")
      }
      return
    }
    let model = try PeftCases.inject(c)
    #expect(model.targetedModuleNames == c["expected_targeted"]?.stringArray, "\(id)")
    if let warning = c["expected_warning"]?.stringValue {
      #expect(model.injectionWarnings.map(\.message).contains(warning), "\(id): \(model.injectionWarnings)")
    }
    if let not = c["expected_config_target_modules_not"]?.stringArray, let config = model.config(of: "default") {
      #expect(config.targetModules != .names(not), "\(id)")
      #expect(config.targetModules != nil)
    }
  }

  @Test(arguments: PeftCases.ids("targeted_parameters"))
  func targetedParameters(_ id: String) throws {
    let c = PeftCases.named(id)
    let model = try PeftCases.inject(c)
    #expect(model.targetedParameterNames == c["expected_targeted_parameters"]?.stringArray, "\(id)")
    #expect(model.layers.allSatisfy { $0.layerType == "lora.ParamWrapper" })
  }

  @Test(arguments: PeftCases.ids("find_minimal"))
  func findMinimal(_ id: String) {
    let c = PeftCases.named(id)
    let targets = c["target_modules"]?.stringArray ?? []
    let others = c["other_module_names"]?.stringArray ?? []
    do {
      let result = try findMinimalTargetModules(targets, others: others)
      #expect(c["expected_error"] == nil, "\(id): expected an error, got \(result)")
      #expect(Set(result) == Set(c["expected"]?.stringArray ?? []), "\(id): \(result)")
    } catch {
      let expected = c["expected_error"]?["contains"]?.stringValue ?? "<no error expected>"
      // A plain string `target_modules` cannot reach this Swift API (it takes a list); PEFT's message for it
      // is the same as for the empty list.
      #expect(error.message.contains(expected), "\(id): \(error.message)")
    }
  }

  @Test(arguments: PeftCases.ids("rank_alpha"))
  func rankAndAlphaPatterns(_ id: String) throws {
    let c = PeftCases.named(id)
    let (tree, info) = PeftCases.model(c["model"]?.stringValue ?? "")
    let config = try PeftCases.config(c["config"])
    let model = try PeftModel(model: tree, config: config, info: info)
    for entry in c["expected_r"]?.objectEntries ?? [] {
      #expect(
        model.layers.first { $0.path == entry.key }?.adapter("default")?.r == entry.value.intValue,
        "\(id) r of \(entry.key)")
    }
    for entry in c["expected_scaling"]?.objectEntries ?? [] {
      let scaling = model.layers.first { $0.path == entry.key }?.adapter("default")?.scaling ?? .nan
      #expect(
        abs(scaling - (entry.value.doubleValue ?? .infinity)) < 1e-12, "\(id) scaling of \(entry.key): \(scaling)")
    }
    for warning in c["expected_warnings"]?.stringArray ?? [] {
      #expect(model.injectionWarnings.map(\.message).contains(warning), "\(id): \(model.injectionWarnings)")
    }
  }

  @Test(arguments: PeftCases.ids("self_targeting"))
  func adapterInternalsAreNeverTargetedByASecondAdapter(_ id: String) throws {
    let c = PeftCases.named(id)
    let (tree, info) = PeftCases.model("M")
    let config = try PeftCases.config(c["config"])
    var model = try PeftModel(model: tree, config: config, adapterName: "default", info: info)
    try model.addAdapter("adapter1", config: config)
    let names = model.tree.namedParameters.map(\.fullName)
    let defaultKeys = names.filter { $0.contains(".default") }.map {
      $0.replacingOccurrences(of: ".default", with: ".X")
    }
    let otherKeys = names.filter { $0.contains(".adapter1") }.map {
      $0.replacingOccurrences(of: ".adapter1", with: ".X")
    }
    #expect(!defaultKeys.isEmpty)
    #expect(defaultKeys == otherKeys, "\(id)")
    #expect(model.targetedModuleNames == [c["config"]?["target_modules"]?.stringValue == "l1.*" ? "l1" : "l2"])
  }

  @Test(arguments: PeftCases.ids("inspect_matched"))
  func inspectMatched(_ id: String) throws {
    let c = PeftCases.named(id)
    let (tree, info) = PeftCases.model(c["model"]?.stringValue ?? "")
    let config = try PeftCases.config(c["config"])
    let decisions = try #require(explain(model: tree, config: config, info: info))
    #expect(decisions.filter(\.decision.isAdapted).map(\.path) == c["expected_matched"]?.stringArray, "\(id)")
  }

  @Test(arguments: PeftCases.ids("all_linear_equivalence"))
  func allLinearEqualsTheExplicitSuffixList(_ id: String) throws {
    let c = PeftCases.named(id)
    let (tree, info) = PeftCases.model(c["model"]?.stringValue ?? "")
    var allLinear = LoraConfig()
    allLinear.targetModules = .regex("all-linear")
    var explicit = LoraConfig()
    explicit.targetModules = .list(c["expected_equivalent_target_modules"]?.stringArray ?? [])
    let a = try PeftModel(model: tree, config: allLinear, info: info)
    let b = try PeftModel(model: tree, config: explicit, info: info)
    #expect(a.tree.modules.map(\.path) == b.tree.modules.map(\.path), "\(id)")
    #expect(a.tree.modules.map(\.typeName) == b.tree.modules.map(\.typeName), "\(id)")
    #expect(!a.targetedModuleNames.contains(info.outputEmbeddings ?? "-"))
  }

  @Test(arguments: PeftCases.ids("all_linear_passthrough"))
  func onlyTheAllLinearStringIsExpanded(_ id: String) throws {
    let c = PeftCases.named(id)
    var configValue = c["config"] ?? .object([])
    if case .object(var entries) = configValue, let first = entries.first, first.value == .null {
      entries[first.key] = .array([.string("k_proj")])  // None falls back to the architecture default first
      configValue = .object(entries)
    }
    let config = try PeftCases.config(configValue)
    let (tree, info) = PeftCases.model("TinyLlamaCausal")
    let p = try plan(model: tree, config: config, info: info)
    if let expected = c["expected_target_modules_after"]?.stringArray {
      #expect(p.config.targetModules == .names(expected), "\(id)")
    } else if let expected = c["expected_target_modules_after"]?.stringValue {
      #expect(p.config.targetModules == .regex(expected), "\(id)")
    }
  }

  @Test func allLinearLeavesTheSequenceClassificationHeadToModulesToSave() throws {
    let c = PeftCases.named("all_linear_seqcls_head")
    let (tree, info) = PeftCases.model(c["model"]?.stringValue ?? "")
    let model = try PeftModel(model: tree, config: try PeftCases.config(c["config"]), info: info)
    let linears = tree.modules.filter(\.kind.isLinearLike).count
    #expect(model.layers.count == linears - 1)
    #expect(model.wrappers.map(\.path) == ["score"])
    #expect(model.tree["score.original_module"]?.typeName == "Linear")
    #expect(model.tree["score.modules_to_save.default"]?.typeName == "Linear")
  }

  @Test func aSecondAllLinearAdapterLandsOnTheSameLayersWithoutNesting() throws {
    let (tree, info) = PeftCases.model("TinyLlamaCausal")
    var config = LoraConfig()
    config.targetModules = .regex("all-linear")
    var model = try PeftModel(model: tree, config: config, info: info)
    try model.addAdapter("other", config: config)
    #expect(model.config(of: "default")?.targetModules == model.config(of: "other")?.targetModules)
    #expect(model.layers.count == 14)
    #expect(model.layers.allSatisfy { $0.adapters.map(\.name) == ["default", "other"] && $0.baseTypeName == "Linear" })
    #expect(!model.tree.modules.contains { $0.path.contains("lora_A.default.") })
  }

  @Test(arguments: PeftCases.ids("requires_grad"))
  func requiresGradFollowsActiveAdapterAndDisabling(_ id: String) throws {
    let c = PeftCases.named(id)
    var model = try PeftCases.inject(c)
    #expect(Set(model.trainableParameterNames) == Set(c["expected_trainable"]?.stringArray ?? []), "\(id)")
    if let after = c["after_disable"]?.stringArray {
      model.disableAdapterLayers()
      #expect(Set(model.trainableParameterNames) == Set(after), "\(id) disabled")
      model.enableAdapterLayers()
      #expect(Set(model.trainableParameterNames) == Set(c["after_enable"]?.stringArray ?? []), "\(id) enabled")
    }
    if let step = c["after_set_adapter"] {
      try model.setAdapter(step[0]?.stringValue ?? "")
      #expect(Set(model.trainableParameterNames) == Set(step[1]?.stringArray ?? []), "\(id) set_adapter")
    }
    if let step = c["after_set_adapter_inference"] {
      try model.setAdapter(step[0]?.stringValue ?? "", inferenceMode: true)
      #expect(Set(model.trainableParameterNames) == Set(step[1]?.stringArray ?? []), "\(id) inference")
    }
  }
}
