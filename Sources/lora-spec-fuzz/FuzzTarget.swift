import ConfigValues
import Foundation
import LoRA
import LoRAModels
import LoRANumerics
import Reporters
import SpecFormat

/// The parsers that read outside input, one fuzz target each. A target turns arbitrary bytes
/// into the parser's input and must return (with a value or an error), never trap or hang.
enum FuzzTarget: String, CaseIterable {
  case safetensorsHeader = "safetensors-header"
  case configJSON = "config-json"
  case moduleList = "module-list"
  case adapterConfig = "adapter-config"
  case specMarkdown = "spec-markdown"
  case junit = "junit"

  /// The fixture folders (relative to the package root) whose files seed the corpus.
  var seedFolders: [String] {
    switch self {
    case .safetensorsHeader: ["Tests/LoRAModelsTests/Fixtures", "Tests/LoRATests/Fixtures/peft-interop"]
    case .configJSON: ["Tests/LoRAModelsTests/Fixtures/hub"]
    case .moduleList: ["Tests/LoRAModelsTests/Fixtures"]
    case .adapterConfig: ["Tests/LoRATests/Fixtures/peft-interop"]
    case .specMarkdown: ["Specs"]
    case .junit: ["Reports"]
    }
  }

  /// Feeds `data` to the parser; errors are the expected outcome for most inputs.
  func run(_ data: Data) {
    let text = String(decoding: data, as: UTF8.self)
    switch self {
    case .safetensorsHeader:
      _ = try? SafetensorsHeader(fileBytes: data, source: "fuzz.safetensors")
    case .configJSON:
      if let object = try? ConfigValue.parseJSON(Array(data)).objectValue {
        _ = try? ModelCatalog.build(config: object, source: "config.json")
      }
    case .moduleList:
      _ = try? ModuleListFile.parse(text, source: "fuzz.yaml")
    case .adapterConfig:
      _ = try? LoraConfig.decode(text, file: "adapter_config.json")
    case .specMarkdown:
      _ = SpecParser(syntax: SpecSyntax(blockKinds: ["model", "lora", "do", "expect", "bench"])).parse(
        text, file: "fuzz.md")
    case .junit:
      _ = try? JUnitXML.read(data: data, name: "fuzz.xml")
    }
  }
}
