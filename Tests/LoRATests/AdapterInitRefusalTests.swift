import ConfigValues
import Foundation
import LoRAModels
import LoRAModules
import Testing

@testable import LoRA

/// `adapter init` writes only adapters PEFT can load: configs whose adapter needs tensors it
/// cannot make (module copies, lora_B biases, DoRA magnitudes) are refused by name.
@Suite struct AdapterInitRefusalTests {
  static func tree(architecture: String) throws -> ModuleTree {
    var object = try #require(
      try ConfigValue.parseJSON(Array(#"{"model_type": "llama", "num_hidden_layers": 1}"#.utf8)).objectValue)
    object["architectures"] = .array([.string(architecture)])
    return try ModelCatalog.build(config: object, source: "config.json")
  }

  @Test(arguments: [
    ("LlamaForCausalLM", #"{"target_modules": ["q_proj"], "lora_bias": true}"#, "lora_bias"),
    (
      "LlamaForCausalLM", #"{"target_modules": ["q_proj"], "modules_to_save": ["lm_head"]}"#,
      "modules_to_save wraps lm_head"
    ),
    (
      "LlamaForSequenceClassification", #"{"target_modules": ["q_proj"], "task_type": "SEQ_CLS"}"#,
      "task_type SEQ_CLS wraps score"
    ),
    ("LlamaForCausalLM", #"{"target_modules": ["q_proj"], "use_dora": true}"#, "use_dora"),
  ])
  func configsNeedingTensorsInitCannotMakeAreRefused(architecture: String, json: String, named: String) throws {
    let model = try Self.tree(architecture: architecture)
    let config = try LoraConfig.decode(json)
    #expect {
      try AdapterInitializer.makeCheckpoint(model: model, config: config)
    } throws: { error in
      "\(error)".contains(named)
    }
  }
}
