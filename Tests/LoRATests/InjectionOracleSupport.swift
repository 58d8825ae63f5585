import ConfigValues
import Foundation
import LoRA
import LoRAModels
import LoRAModules
import LoRANumerics

/// Real PEFT 0.21.2 results (`Fixtures/peft-oracle`, written by `Scripts/peft-oracle`) and
/// the transformers trees they ran on (`Tests/LoRAModelsTests/Fixtures/transformers`).
enum Oracle {
  static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  static let casesDir = testsDir.appendingPathComponent("LoRATests/Fixtures/peft-oracle")
  static let treesDir = testsDir.appendingPathComponent("LoRAModelsTests/Fixtures/transformers")

  static func load(_ url: URL) -> ConfigValue {
    guard let text = try? String(contentsOf: url, encoding: .utf8), let v = try? ConfigValue.parse(text, file: url.path)
    else { return .null }
    return v
  }

  /// Case names (file names without `.json`), sorted.
  static let caseNames: [String] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: casesDir.path)) ?? []
    return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }()

  static func oracleCase(_ name: String) -> ConfigValue { load(casesDir.appendingPathComponent(name + ".json")) }

  /// A transformers tree fixture as a `ModuleTree` (kinds inferred from class names and shapes).
  static func tree(_ fixture: String) -> (ModuleTree, BaseModelInfo) {
    let f = load(treesDir.appendingPathComponent(fixture + ".json"))
    if f["modules"] == nil, let type = f["model_type"]?.stringValue {
      // A count-only fixture (full-size model): the catalog builds the same tree from the config.
      var config = f["config"] ?? .object([])
      if case .object(var o) = config {
        o["model_type"] = .string(type)
        o["architectures"] = .array([.string(f["architecture"]?.stringValue ?? "")])
        config = .object(o)
      }
      guard case .object(let values) = config, let tree = try? ModelCatalog.build(config: values, source: fixture)
      else {
        return (ModuleTree(rootTypeName: "Missing", modules: []), .plainModule)
      }
      return (tree, .inferred(from: tree, modelType: type))
    }
    let tied = Dictionary(
      f["tied"]?.objectEntries.compactMap { e in e.value.stringValue.map { (e.key, $0) } } ?? [],
      uniquingKeysWith: { a, _ in a })
    var modules: [Module] = []
    let entries = f["modules"]?.arrayValue ?? []
    let parents = Set(entries.compactMap { $0["name"]?.stringValue }.map { ModuleTree.parentPath(of: $0) })
    for m in entries {
      let path = m["name"]?.stringValue ?? ""
      let type = m["type"]?.stringValue ?? "Module"
      var params: [Parameter] = []
      for p in m["params"]?.arrayValue ?? [] {
        let name = p["name"]?.stringValue ?? ""
        let full = path.isEmpty ? name : path + "." + name
        params.append(
          Parameter(
            name: name, shape: p["shape"]?.arrayValue?.compactMap(\.intValue) ?? [],
            requiresGrad: p["requires_grad"]?.boolValue ?? true, tiedTo: tied[full]))
      }
      var k = kind(type, params)
      if k == .container && !parents.contains(path) { k = .other }
      modules.append(Module(path: path, typeName: type, kind: k, parameters: params))
    }
    let tree = ModuleTree(rootTypeName: f["root_type"]?.stringValue ?? "Model", modules: modules)
    return (tree, .inferred(from: tree, modelType: f["model_type"]?.stringValue))
  }

  static func kind(_ type: String, _ params: [Parameter]) -> ModuleKind {
    let w = params.first { $0.name == "weight" }?.shape ?? []
    let bias = params.contains { $0.name == "bias" }
    switch type {
    case "Linear" where w.count == 2: return .linear(inFeatures: w[1], outFeatures: w[0], bias: bias)
    case "Conv1D" where w.count == 2: return .transformersConv1D(inFeatures: w[0], outFeatures: w[1])
    case "Embedding" where w.count == 2: return .embedding(numEmbeddings: w[0], embeddingDim: w[1])
    case "Conv1d" where w.count >= 3, "Conv2d" where w.count >= 3, "Conv3d" where w.count >= 3:
      return .conv(
        dimensions: w.count - 2, inChannels: w[1], outChannels: w[0], kernelSize: Array(w.dropFirst(2)), groups: 1,
        bias: bias)
    case "MultiheadAttention": return .multiheadAttention(embedDim: w.last ?? 0, numHeads: 1, bias: bias)
    default:
      if type.contains("Norm") { return .norm(normalizedShape: w.first ?? 0, rms: !bias, bias: bias) }
      return params.isEmpty ? .container : .other
    }
  }

  /// Python `set` reprs inside a message with their items sorted, so hash order does not matter.
  static func normalizedSets(_ message: String) -> String {
    guard let regex = try? NSRegularExpression(pattern: #"\{('[^'{}]*'(, '[^'{}]*')*)\}"#) else { return message }
    var out = message
    for m in regex.matches(in: message, range: NSRange(location: 0, length: message.utf16.count)).reversed() {
      guard let r = Range(m.range, in: out) else { continue }
      let items = out[r].dropFirst().dropLast().components(separatedBy: ", ").sorted()
      out.replaceSubrange(r, with: "{" + items.joined(separator: ", ") + "}")
    }
    return out
  }
}
