import ConfigValues
import LoRAModules
import Testing

@testable import LoRA

/// `get_layer_status` / `get_model_status` / `print_trainable_parameters`, against the ported PEFT cases.
@Suite struct StatusTests {
  func grad(_ v: ConfigValue?) -> GradState? {
    switch v {
    case .bool(true): .allTrue
    case .bool(false): .allFalse
    case .string("irregular"): .irregular
    default: nil
    }
  }

  func checkModelStatus(_ expected: ConfigValue?, _ status: ModelStatus, _ id: String) {
    guard let expected else { return }
    for entry in expected.objectEntries {
      switch entry.key {
      case "base_model_type": #expect(status.baseModelType == entry.value.stringValue, "\(id)")
      case "adapter_model_type": #expect(status.adapterModelType == entry.value.stringValue, "\(id)")
      case "peft_types": #expect(status.peftTypes == entry.value.objectEntries.map(\.key), "\(id)")
      case "trainable_params": #expect(status.trainableParams == entry.value.intValue, "\(id)")
      case "total_params": #expect(status.totalParams == entry.value.intValue, "\(id)")
      case "num_adapter_layers": #expect(status.numAdapterLayers == entry.value.intValue, "\(id)")
      case "enabled": #expect(status.enabled == .value(entry.value.boolValue ?? false), "\(id)")
      case "active_adapters": #expect(status.activeAdapters == .value(entry.value.stringArray ?? []), "\(id)")
      case "merged_adapters": #expect(status.mergedAdapters == .value(entry.value.stringArray ?? []), "\(id)")
      case "available_adapters": #expect(status.availableAdapters == entry.value.stringArray, "\(id)")
      case "requires_grad":
        for g in entry.value.objectEntries { #expect(status.requiresGrad[g.key] == grad(g.value), "\(id) \(g.key)") }
      case "devices":
        for d in entry.value.objectEntries { #expect(status.devices[d.key] == d.value.stringArray, "\(id)") }
      case "quantization_backend": #expect(status.quantizationBackend == .value(nil), "\(id)")
      default: Issue.record("\(id): unchecked field \(entry.key)")
      }
    }
  }

  func checkLayerStatus(_ expected: ConfigValue, _ s: LayerStatus, _ id: String) {
    for entry in expected.objectEntries {
      switch entry.key {
      case "name": #expect(s.name == entry.value.stringValue, "\(id)")
      case "module_type": #expect(s.moduleType == entry.value.stringValue, "\(id)")
      case "enabled": #expect(s.enabled == entry.value.boolValue, "\(id)")
      case "active_adapters": #expect(s.activeAdapters == entry.value.stringArray, "\(id)")
      case "merged_adapters": #expect(s.mergedAdapters == entry.value.stringArray, "\(id)")
      case "available_adapters": #expect(s.availableAdapters == entry.value.stringArray, "\(id)")
      case "requires_grad":
        #expect(s.requiresGrad.map(\.adapter) == entry.value.objectEntries.map(\.key), "\(id)")
        for g in entry.value.objectEntries { #expect(s.requiresGrad(g.key) == grad(g.value), "\(id) \(g.key)") }
      case "devices":
        #expect(s.devices.map(\.adapter) == entry.value.objectEntries.map(\.key), "\(id)")
      case "quantization_backend": #expect(s.quantizationBackend == nil, "\(id)")
      default: Issue.record("\(id): unchecked field \(entry.key)")
      }
    }
  }

  @Test(arguments: PeftCases.ids("status"))
  func statusMatchesPeft(_ id: String) throws {
    let c = PeftCases.named(id)
    var model = try PeftCases.inject(c)
    let prefix = c["layer_status_prefix"]?.stringValue ?? "model."
    let layers = try model.layerStatus(prefix: prefix)
    checkModelStatus(c["expected_model_status"], try model.modelStatus(), id)
    for (i, expected) in (c["expected_layer_status"]?.arrayValue ?? []).enumerated() {
      checkLayerStatus(expected, layers[i], id)
    }
    if let expected = c["expected_layer_status_1"] { checkLayerStatus(expected, layers[1], id) }
    if let names = c["expected_layer_order"]?.stringArray { #expect(layers.map(\.name) == names, "\(id)") }
    if let names = c["expected_layer_names"]?.stringArray { #expect(layers.map(\.name) == names, "\(id)") }
    if let types = c["expected_module_types_sorted"]?.stringArray {
      #expect(layers.map(\.moduleType).sorted() == types)
    }
    if let types = c["expected_module_types"]?.stringArray { #expect(layers.map(\.moduleType) == types, "\(id)") }
    if let per = c["expected_requires_grad"]?.arrayValue {
      for (i, g) in per.enumerated() {
        for e in g.objectEntries { #expect(layers[i].requiresGrad(e.key) == grad(e.value), "\(id) layer \(i)") }
      }
    }
    if let per = c["expected_available_adapters"]?.arrayValue {
      #expect(layers.map(\.availableAdapters) == per.map { $0.stringArray ?? [] }, "\(id)")
    }
    if let per = c["expected_active_adapters_per_layer"]?.arrayValue {
      #expect(layers.map(\.activeAdapters) == per.map { $0.stringArray ?? [] }, "\(id)")
    }
    if let per = c["expected_requires_grad_after_set_adapter_other"]?.arrayValue {
      var switched = model
      try switched.setAdapter("other")
      let after = try switched.layerStatus()
      for (i, g) in per.enumerated() {
        for e in g.objectEntries { #expect(after[i].requiresGrad(e.key) == grad(e.value), "\(id) after set_adapter") }
      }
    }
    if let per = c["expected_merged_after_merge_default"]?.arrayValue {
      var merged = model
      merged.mergeAdapter(["default"])
      #expect(try merged.layerStatus().map(\.mergedAdapters) == per.map { $0.stringArray ?? [] }, "\(id)")
      merged.mergeAdapter(["other"])
      if let both = c["expected_merged_after_merge_both"]?.arrayValue {
        #expect(try merged.layerStatus().map { Set($0.mergedAdapters) } == both.map { Set($0.stringArray ?? []) })
      }
      if let modelMerged = c["expected_model_merged_after_merge_both"]?.stringArray {
        #expect(try merged.modelStatus().mergedAdapters == .value(modelMerged))
      }
    }
    if let after = c["after"] {
      if after["merge_adapter(['default'])"] != nil {
        var merged = model
        merged.mergeAdapter(["default"])
        #expect(try merged.layerStatus().map(\.mergedAdapters) == [["default"]])
        #expect(try merged.modelStatus().mergedAdapters == .value(["default"]))
      }
      if after["disable_adapter_layers()"] != nil {
        model.disableAdapterLayers()
        #expect(try model.modelStatus().enabled == .value(false))
      }
    }
  }

  @Test func irregularStatesAreReportedAsIrregular() throws {
    let (tree, info) = PeftCases.model("LargeModel")
    var config = LoraConfig()
    config.targetModules = .list(["lin0", "conv1", "emb0"])
    var model = try PeftModel(model: tree, config: config, info: info)
    var other = LoraConfig()
    other.targetModules = .list(["lin0", "lin1"])
    other.r = 16
    try model.addAdapter("other", config: other)
    var merged = model
    merged.mergeAdapter(["default"])
    #expect(try merged.modelStatus().mergedAdapters == .value(["default"]))
    // Only lin0's copy of `default` merged -> irregular.
    var partial = model
    partial.layers[0].mergedAdapters = ["default"]
    #expect(try partial.modelStatus().mergedAdapters == .irregular)
    var disabled = model
    disabled.layers[0].disabled = true
    #expect(try disabled.modelStatus().enabled == .irregular)
    var switched = model
    switched.layers[1].activeAdapters = ["other"]
    #expect(try switched.modelStatus().activeAdapters == .irregular)
  }

  @Test func printTrainableParametersLineIsPeftsFormat() throws {
    #expect(
      try PeftModel.trainableParametersLine(trainable: 160, all: 380)
        == "trainable params: 160 || all params: 380 || trainable%: 42.1053")
    #expect(
      try PeftModel.trainableParametersLine(trainable: 616, all: 2236)
        == "trainable params: 616 || all params: 2,236 || trainable%: 27.5492")
    #expect(
      try PeftModel.trainableParametersLine(trainable: 3_686_400, all: 3_089_625_088)
        == "trainable params: 3,686,400 || all params: 3,089,625,088 || trainable%: 0.1193")
    #expect(throws: PeftError.self) { try PeftModel.trainableParametersLine(trainable: 0, all: 0) }
  }

  @Test func frozenVisionTowerStillGetsTrainableLoraAndTheHeadIsFrozen() throws {
    // Reference §8: {vision: q_proj, v_proj; text: q_proj, v_proj; head}, vision frozen, r=2.
    func lin(_ p: String, _ i: Int, _ o: Int) -> Module {
      Module(
        path: p, typeName: "Linear", kind: .linear(inFeatures: i, outFeatures: o, bias: true),
        parameters: [Parameter(name: "weight", shape: [o, i]), Parameter(name: "bias", shape: [o])])
    }
    var tree = ModuleTree(
      rootTypeName: "Model",
      modules: [
        Module(path: "vision", typeName: "Tower", kind: .container), lin("vision.q_proj", 8, 8),
        lin("vision.v_proj", 8, 8),
        Module(path: "text", typeName: "Tower", kind: .container), lin("text.q_proj", 8, 8), lin("text.v_proj", 8, 8),
        lin("head", 8, 2),
      ])
    tree.setRequiresGrad(false) { $0 == "vision" || $0.hasPrefix("vision.") }
    var config = LoraConfig()
    config.targetModules = .list(["q_proj", "v_proj"])
    config.r = 2
    let model = try PeftModel(model: tree, config: config, info: .plainModule)
    #expect(model.targetedModuleNames == ["vision.q_proj", "vision.v_proj", "text.q_proj", "text.v_proj"])
    #expect(try model.trainableParametersLine() == "trainable params: 128 || all params: 434 || trainable%: 29.4931")
    #expect(model.adaptedFrozen == ["vision.q_proj", "vision.v_proj"])
    #expect(model.injectionWarnings.isEmpty)
    #expect(model.tree["head"]?.parameters.allSatisfy { !$0.requiresGrad } == true)
  }
}
