import ConfigValues
import Foundation
import LoRAModels
import LoRAModules
import LoRANumerics

/// A transformers module-tree fixture (`Fixtures/transformers/<name>.json`,
/// `Fixtures/catalog/<name>.json`): what `named_modules()` / `named_parameters()`
/// yield for a model built from `config`.
struct TreeFixture: Decodable {
  struct Param: Decodable, Equatable {
    var name: String
    var shape: [Int]
    var requires_grad: Bool
  }
  struct Entry: Decodable {
    var name: String
    var type: String
    var params: [Param]
  }

  var model_type: String
  var architecture: String
  var root_type: String
  var modules: [Entry]?
  var total_params: Int
  var parameter_names: [String]?
  var tied: [String: String]?
  var module_count: Int?
  var modules_per_type: [String: Int]?
  var parameter_count: Int?

  /// The `config` object, as the catalog reads it.
  var config: ConfigObject = [:]

  private enum CodingKeys: String, CodingKey {
    case model_type, architecture, root_type, modules, total_params, parameter_names, tied, module_count
    case modules_per_type, parameter_count
  }

  static func load(_ url: URL) throws -> TreeFixture {
    let data = try Data(contentsOf: url)
    var fixture = try JSONDecoder().decode(TreeFixture.self, from: data)
    guard case .object(let root) = try ConfigValue.parseJSON([UInt8](data)), case .object(let config)? = root["config"]
    else {
      throw Fixtures.FixtureError(path: url.lastPathComponent + " (config)")
    }
    fixture.config = config
    return fixture
  }

  /// Builds the fixture's model the way transformers did: `AutoConfig.for_model(model_type, **config)`
  /// (transformers' defaults for missing keys) and the fixture's class.
  func build() throws -> ModuleTree {
    var values = config
    values["model_type"] = .string(model_type)
    values["architectures"] = .array([.string(architecture)])
    return try ModelCatalog.build(config: values, source: "fixture \(model_type)")
  }

  /// Every difference between `tree` and the fixture, as readable lines (empty when equal).
  func differences(from tree: ModuleTree) -> [String] {
    var out: [String] = []
    if tree.rootTypeName != root_type { out.append("root type \(tree.rootTypeName) != \(root_type)") }
    let (_, all) = tree.parameterCounts
    if all != total_params { out.append("total params \(all) != \(total_params)") }
    if let names = parameter_names {
      let ours = tree.namedParameters.map(\.fullName)
      if ours != names { out.append("parameter names differ: first \(firstDifference(ours, names))") }
    }
    if let modules {
      let ours = tree.modules
      if ours.map(\.path) != modules.map(\.name) {
        out.append("module names differ: first \(firstDifference(ours.map(\.path), modules.map(\.name)))")
      }
      for (m, e) in zip(ours, modules) where m.path == e.name {
        if m.typeName != e.type { out.append("\(e.name): type \(m.typeName) != \(e.type)") }
        let params = m.parameters.map { Param(name: $0.name, shape: $0.shape, requires_grad: $0.requiresGrad) }
        if params != e.params { out.append("\(e.name): params \(params) != \(e.params)") }
      }
    }
    if let tied {
      var ours: [String: String] = [:]
      for m in tree.modules {
        for p in m.parameters { if let owner = p.tiedTo { ours[m.fullName(of: p)] = owner } }
      }
      if ours != tied { out.append("tied \(ours) != \(tied)") }
    }
    if let module_count, tree.modules.count != module_count {
      out.append("module count \(tree.modules.count) != \(module_count)")
    }
    if let modules_per_type {
      let ours = Dictionary(tree.modules.map { ($0.typeName, 1) }, uniquingKeysWith: +)
      if ours != modules_per_type { out.append("modules per type \(ours) != \(modules_per_type)") }
    }
    if let parameter_count, tree.namedParameters.count != parameter_count {
      out.append("parameter count \(tree.namedParameters.count) != \(parameter_count)")
    }
    return out
  }

  private func firstDifference(_ a: [String], _ b: [String]) -> String {
    for (i, (x, y)) in zip(a, b).enumerated() where x != y { return "#\(i): \(x) vs \(y)" }
    return "lengths \(a.count) vs \(b.count)"
  }
}
