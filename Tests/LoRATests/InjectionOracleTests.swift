import ConfigValues
import Foundation
import LoRAModules
import Testing

@testable import LoRA

/// Every case PEFT 0.21.2 itself produced (Scripts/peft-oracle) run through the engine.
@Suite struct InjectionOracleTests {
  /// Cases the engine deliberately answers differently, with the reason.
  static let knownDifferences: [String: String] = [
    "llama-tied-embed-ensure-tying":
      "ensure_weight_tying is refused by the reference engine (UnsupportedByReferenceEngine); PEFT ties the lm_head adapter to the embedding adapter"
  ]

  @Test func oracleCasesArePresent() {
    #expect(Oracle.caseNames.count >= 100)
  }

  @Test(arguments: Oracle.caseNames)
  func engineReproducesPeft(_ name: String) throws {
    let c = Oracle.oracleCase(name)
    let fixture = c["model"]?["fixture"]?.stringValue ?? ""
    var (tree, info) = Oracle.tree(fixture)
    let freeze = c["model"]?["freeze"]?.stringArray ?? []
    tree.updateEach { module in
      for k in module.parameters.indices {
        let full = module.fullName(of: module.parameters[k])
        if freeze.contains(where: { full == $0 || full.hasPrefix($0 + ".") }) {
          module.parameters[k].requiresGrad = false
        }
      }
    }
    var warnings: [PeftWarning] = []
    let outcome: Result<PeftModel, any Error> = Result {
      let config = try LoraConfig.decode(c["lora_config"] ?? .object([]), file: name)
      let adapterName =
        c["adapters"]?[0]?["name"]?.stringValue
        ?? (c["steps"] == nil ? c["result"]?["active_adapter"]?.stringValue : nil) ?? "default"
      var model = try PeftModel(model: tree, config: config, adapterName: adapterName, info: info)
      warnings += model.injectionWarnings
      for step in c["steps"]?.arrayValue ?? [] {
        switch step["op"]?.stringValue {
        case "add_adapter":
          let cfg = try LoraConfig.decode(step["lora_config"] ?? .object([]), file: name)
          warnings += try model.addAdapter(step["name"]?.stringValue ?? "", config: cfg)
        case "set_adapter": warnings += try model.setAdapter(step["name"]?.stringValue ?? "")
        case "delete_adapter": warnings += try model.deleteAdapter(step["name"]?.stringValue ?? "")
        case "requires_grad":
          let needle = step["contains"]?.stringValue ?? "\u{0}"
          model.setRequiresGrad(step["value"]?.boolValue ?? false) { $0.contains(needle) }
        case "disable_adapter_layers": warnings += model.disableAdapterLayers()
        case "merge_adapter": warnings += model.mergeAdapter()
        default: Issue.record("\(name): unknown step \(String(describing: step["op"]))")
        }
      }
      return model
    }
    if Self.knownDifferences[name] != nil {
      if case .failure(let error as PeftError) = outcome {
        #expect(error.kind == .unsupported, "\(name)")
      } else {
        Issue.record("\(name): listed as a known difference but the engine accepted it")
      }
      return
    }
    if let expectedError = c["error"] {
      switch outcome {
      case .success:
        Issue.record("\(name): PEFT raised \(expectedError["message"]?.stringValue ?? ""), the engine did not")
      case .failure(let error as PeftError):
        let message = expectedError["message"]?.stringValue ?? ""
        #expect(error.kind.rawValue == expectedError["type"]?.stringValue, "\(name)")
        if message.hasPrefix("Target module ") && message.contains(" is not supported.") && message.contains("\n") {
          // A container's repr is PyTorch's multi-line print of every child: the engine abbreviates it.
          #expect(
            error.message.hasPrefix("Target module ")
              && error.message.hasSuffix(message.components(separatedBy: " is not supported.").last ?? "-"))
        } else {
          #expect(Oracle.normalizedSets(error.message) == Oracle.normalizedSets(message), "\(name)")
        }
      case .failure(let error): Issue.record("\(name): unexpected \(error)")
      }
      return
    }
    let model: PeftModel
    switch outcome {
    case .success(let m): model = m
    case .failure(let error):
      Issue.record("\(name): engine raised \(error)")
      return
    }
    let r = c["result"] ?? .null
    // Full-size cases (Llama-3-70B) carry a compact result: compare the fields present.
    if let v = r["adapted"]?.stringArray { #expect(model.layers.map(\.path) == v, "\(name) adapted") }
    if let n = r["adapted_count"]?.intValue { #expect(model.layers.count == n, "\(name) adapted count") }
    if let v = r["adapted_frozen"]?.stringArray { #expect(model.adaptedFrozen == v, "\(name) adapted_frozen") }
    #expect(model.parameterCounts.trainable == r["trainable_params"]?.intValue, "\(name) trainable")
    #expect(model.parameterCounts.all == r["all_params"]?.intValue, "\(name) all")
    #expect((try? model.trainableParametersLine()) == r["summary"]?.stringValue, "\(name) summary")
    if let v = r["trainable_parameter_names"]?.stringArray {
      #expect(model.trainableParameterNames == v, "\(name) trainable names")
    }
    if let n = r["trainable_parameter_count"]?.intValue {
      #expect(model.trainableParameterNames.count == n, "\(name) trainable count")
    }
    if let v = r["targeted_module_names"]?.stringArray { #expect(model.targetedModuleNames == v, "\(name) targeted") }
    if let v = r["targeted_parameter_names"]?.stringArray {
      #expect(model.targetedParameterNames == v, "\(name) targeted params")
    }
    if let v = r["tuner_active_adapters"]?.stringArray { #expect(model.activeAdapters == v, "\(name) active") }
    if let first = r["layer_status_first"], let mine = try? model.layerStatus().first {
      #expect(mine.name == first["name"]?.stringValue, "\(name) first layer status")
      #expect(mine.moduleType == first["module_type"]?.stringValue, "\(name) first layer type")
    }
    if let n = r["layer_status_count"]?.intValue {
      #expect((try? model.layerStatus().count) == n, "\(name) layer count")
    }
    let expectedWarnings = (r["warnings"]?.arrayValue ?? []).map {
      "\($0["category"]?.stringValue ?? ""): \(Oracle.normalizedSets($0["message"]?.stringValue ?? ""))"
    }
    #expect(
      warnings.map { "\($0.category.rawValue): \(Oracle.normalizedSets($0.message))" } == expectedWarnings,
      "\(name) warnings")
    checkLayers(model, r, name)
    checkStatus(model, r, name)
    checkEffectiveConfig(model, r, name)
  }

  func checkLayers(_ model: PeftModel, _ r: ConfigValue, _ name: String) {
    for expected in r["lora_layers"]?.arrayValue ?? [] {
      let path = expected["name"]?.stringValue ?? ""
      guard let layer = model.layers.first(where: { $0.path == path }) else {
        Issue.record("\(name): no layer \(path)")
        continue
      }
      #expect(layer.layerType == expected["type"]?.stringValue, "\(name) \(path) type")
      #expect(layer.baseTypeName == expected["base_type"]?.stringValue, "\(name) \(path) base type")
      for a in expected["adapters"]?.objectEntries ?? [] {
        let mine = layer.adapter(a.key)
        #expect(mine?.r == a.value["r"]?.intValue, "\(name) \(path) r")
        #expect(mine?.alpha == a.value["lora_alpha"]?.doubleValue, "\(name) \(path) alpha")
        #expect(
          abs((mine?.scaling ?? .nan) - (a.value["scaling"]?.doubleValue ?? .infinity)) < 1e-12,
          "\(name) \(path) scaling")
      }
      for p in expected["lora_params"]?.objectEntries ?? [] {
        let shape = model.tree.parameter(named: path + "." + p.key)?.shape
        #expect(shape == p.value.arrayValue?.compactMap(\.intValue), "\(name) \(path).\(p.key)")
      }
    }
  }

  func grad(_ v: ConfigValue?) -> GradState? {
    switch v {
    case .bool(true): .allTrue
    case .bool(false): .allFalse
    case .string("irregular"): .irregular
    default: nil
    }
  }

  func checkStatus(_ model: PeftModel, _ r: ConfigValue, _ name: String) {
    if let expected = r["layer_status"]?.arrayValue {
      let layers = (try? model.layerStatus()) ?? []
      #expect(layers.map(\.name) == expected.map { $0["name"]?.stringValue ?? "" }, "\(name) layer names")
      for (s, e) in zip(layers, expected) {
        #expect(s.moduleType == e["module_type"]?.stringValue, "\(name) \(s.name) type")
        #expect(s.enabled == e["enabled"]?.boolValue, "\(name) \(s.name) enabled")
        #expect(s.activeAdapters == e["active_adapters"]?.stringArray, "\(name) \(s.name) active")
        #expect(s.mergedAdapters == e["merged_adapters"]?.stringArray, "\(name) \(s.name) merged")
        #expect(s.availableAdapters == e["available_adapters"]?.stringArray, "\(name) \(s.name) available")
        let grads = e["requires_grad"]?.objectEntries ?? []
        #expect(Set(s.requiresGrad.map(\.adapter)) == Set(grads.map(\.key)), "\(name) \(s.name) grad keys")
        for g in grads { #expect(s.requiresGrad(g.key) == grad(g.value), "\(name) \(s.name) grad \(g.key)") }
      }
    }
    if let e = r["model_status"], e["error"] == nil, let s = try? model.modelStatus() {
      #expect(s.baseModelType == e["base_model_type"]?.stringValue, "\(name) base type")
      #expect(s.trainableParams == e["trainable_params"]?.intValue, "\(name) status trainable")
      #expect(s.totalParams == e["total_params"]?.intValue, "\(name) status total")
      #expect(s.numAdapterLayers == e["num_adapter_layers"]?.intValue, "\(name) layers")
      #expect(s.peftTypes.sorted() == e["peft_types"]?.objectEntries.map(\.key).sorted(), "\(name) peft types")
      #expect(s.availableAdapters == e["available_adapters"]?.stringArray, "\(name) available")
      switch e["enabled"] {
      case .bool(let b): #expect(s.enabled == .value(b), "\(name) enabled")
      default: #expect(s.enabled == .irregular, "\(name) enabled")
      }
      switch e["active_adapters"] {
      case .array(let a): #expect(s.activeAdapters == .value(a.compactMap(\.stringValue)), "\(name) active")
      default: #expect(s.activeAdapters == .irregular, "\(name) active")
      }
      switch e["merged_adapters"] {
      case .array(let a): #expect(s.mergedAdapters == .value(a.compactMap(\.stringValue)), "\(name) merged")
      default: #expect(s.mergedAdapters == .irregular, "\(name) merged")
      }
      for g in e["requires_grad"]?.objectEntries ?? [] {
        #expect(s.requiresGrad[g.key] == grad(g.value), "\(name) grad \(g.key)")
      }
    }
  }

  func checkEffectiveConfig(_ model: PeftModel, _ r: ConfigValue, _ name: String) {
    for entry in r["effective_config"]?.objectEntries ?? [] {
      guard let config = model.config(of: entry.key) else {
        Issue.record("\(name): no adapter \(entry.key)")
        continue
      }
      let e = entry.value
      switch e["target_modules"] {
      case .array(let names):
        if case .names(let mine) = config.targetModules {
          #expect(Set(mine) == Set(names.compactMap(\.stringValue)), "\(name) target_modules")
        } else {
          Issue.record("\(name): target_modules \(String(describing: config.targetModules))")
        }
      case .string(let s): #expect(config.targetModules == .regex(s), "\(name) target_modules")
      default: #expect(config.targetModules == nil, "\(name) target_modules")
      }
      #expect(config.fanInFanOut == e["fan_in_fan_out"]?.boolValue, "\(name) fan_in_fan_out")
      #expect(config.modulesToSave == e["modules_to_save"]?.stringArray, "\(name) modules_to_save")
      #expect(config.r == e["r"]?.intValue, "\(name) r")
    }
  }
}
