import ConfigValues
import Foundation
import LoRA
import LoRAModules

/// The ported PEFT test cases (`Fixtures/peft-cases.json`) and helpers to build their
/// models and configs.
enum PeftCases {
  static let fixture: ConfigValue = {
    guard let url = Bundle.module.url(forResource: "peft-cases", withExtension: "json", subdirectory: "Fixtures"),
      let text = try? String(contentsOf: url, encoding: .utf8), let value = try? ConfigValue.parse(text)
    else { return .null }
    return value
  }()

  static var cases: [ConfigValue] { fixture["cases"]?.arrayValue ?? [] }

  /// Case ids of one kind (the arguments of the table-driven tests).
  static func ids(_ kind: String) -> [String] {
    cases.filter { $0["kind"]?.stringValue == kind }.compactMap { $0["id"]?.stringValue }
  }

  static func named(_ id: String) -> ConfigValue {
    cases.first { $0["id"]?.stringValue == id } ?? .null
  }

  /// The model `name` of the fixture as a tree, with its traits.
  static func model(_ name: String) -> (ModuleTree, BaseModelInfo) {
    guard let m = fixture["models"]?[name] else {
      return (ModuleTree(rootTypeName: "Missing", modules: []), .plainModule)
    }
    var modules: [Module] = []
    var seen: Set<String> = [""]
    for entry in m["modules"]?.arrayValue ?? [] {
      let path = entry["name"]?.stringValue ?? ""
      // Ancestors PyTorch would list first (containers).
      var parents: [String] = []
      var p = ModuleTree.parentPath(of: path)
      while !p.isEmpty, !seen.contains(p) {
        parents.insert(p, at: 0)
        p = ModuleTree.parentPath(of: p)
      }
      for parent in parents {
        seen.insert(parent)
        modules.append(Module(path: parent, typeName: "Module", kind: .container))
      }
      seen.insert(path)
      modules.append(module(path, entry))
    }
    let tree = ModuleTree(rootTypeName: m["root"]?.stringValue ?? "Model", modules: modules)
    let info = BaseModelInfo(
      modelType: m["model_type"]?.stringValue, isPreTrainedModel: m["pretrained"]?.boolValue ?? false,
      outputEmbeddings: m["output_embeddings"]?.stringValue)
    return (tree, info)
  }

  static func module(_ path: String, _ e: ConfigValue) -> Module {
    let type = e["type"]?.stringValue ?? "Module"
    let i = e["in"]?.intValue ?? 0
    let o = e["out"]?.intValue ?? 0
    switch type {
    case "Linear":
      let bias = e["bias"]?.boolValue ?? true
      return Module(
        path: path, typeName: type, kind: .linear(inFeatures: i, outFeatures: o, bias: bias),
        parameters: [Parameter(name: "weight", shape: [o, i])] + (bias ? [Parameter(name: "bias", shape: [o])] : []))
    case "Conv1D":
      return Module(
        path: path, typeName: type, kind: .transformersConv1D(inFeatures: i, outFeatures: o),
        parameters: [Parameter(name: "weight", shape: [i, o]), Parameter(name: "bias", shape: [o])])
    case "Embedding":
      let n = e["num"]?.intValue ?? 0
      let d = e["dim"]?.intValue ?? 0
      return Module(
        path: path, typeName: type, kind: .embedding(numEmbeddings: n, embeddingDim: d),
        parameters: [Parameter(name: "weight", shape: [n, d])])
    case "Conv2d":
      let k = e["kernel"]?.intValue ?? 1
      return Module(
        path: path, typeName: type,
        kind: .conv(dimensions: 2, inChannels: i, outChannels: o, kernelSize: [k, k], groups: 1, bias: true),
        parameters: [Parameter(name: "weight", shape: [o, i, k, k]), Parameter(name: "bias", shape: [o])])
    case "LayerNorm", "LlamaRMSNorm", "T5LayerNorm":
      let d = e["dim"]?.intValue ?? 0
      let rms = type != "LayerNorm"
      return Module(
        path: path, typeName: type, kind: .norm(normalizedShape: d, rms: rms, bias: !rms),
        parameters: [Parameter(name: "weight", shape: [d])] + (rms ? [] : [Parameter(name: "bias", shape: [d])]))
    case "ReLU", "Dropout", "LogSoftmax", "SiLUActivation", "NewGELUActivation", "BloomGelu", "LlamaRotaryEmbedding":
      return Module(path: path, typeName: type, kind: .other)
    default:
      return Module(path: path, typeName: type, kind: .container)
    }
  }

  /// A config from a fixture object (decoded and validated like a file).
  static func config(_ value: ConfigValue?) throws -> LoraConfig {
    try LoraConfig.decode(value ?? .object([]), file: "peft-cases.json")
  }

  /// Injects the case's adapters in order (first with get_peft_model, then add_adapter).
  static func inject(_ c: ConfigValue) throws -> PeftModel {
    let (tree, info) = model(c["model"]?.stringValue ?? "")
    var result: PeftModel?
    for pair in c["adapters"]?.arrayValue ?? [] {
      let name = pair[0]?.stringValue ?? "default"
      let config = try config(pair[1])
      if var m = result {
        try m.addAdapter(name, config: config)
        result = m
      } else {
        result = try PeftModel(model: tree, config: config, adapterName: name, info: info)
      }
    }
    guard let result else { throw PeftError(.valueError, "case has no adapters") }
    return result
  }
}

extension ConfigValue {
  subscript(key: String) -> ConfigValue? {
    guard case .object(let entries) = self else { return nil }
    return entries.first { $0.key == key }?.value
  }

  subscript(index: Int) -> ConfigValue? {
    guard case .array(let items) = self, items.indices.contains(index) else { return nil }
    return items[index]
  }

  var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  var intValue: Int? {
    if case .int(let i) = self { return i }
    return nil
  }

  var doubleValue: Double? {
    switch self {
    case .int(let i): Double(i)
    case .double(let d): d
    default: nil
    }
  }

  var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  var arrayValue: [ConfigValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  var stringArray: [String]? { arrayValue?.compactMap(\.stringValue) }

  var objectEntries: [ConfigEntry] {
    if case .object(let e) = self { return e.entries }
    return []
  }
}

/// Python `re.search(pattern, text)` as pytest.raises(match=...) uses it.
func pythonSearch(_ pattern: String, _ text: String) -> Bool {
  guard let regex = try? NSRegularExpression(pattern: pattern) else { return text.contains(pattern) }
  return regex.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
}
