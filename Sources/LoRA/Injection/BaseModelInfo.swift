import LoRAModels
import LoRAModules

/// What PEFT learns about a model beyond its module names: the transformers
/// `model_type` (for default `target_modules`), whether it is a `PreTrainedModel`, and
/// which module `get_output_embeddings()` returns (left out by `all-linear`).
public struct BaseModelInfo: Hashable, Sendable {
  /// `config.model_type` (`llama`, `gpt2`...); nil for a plain `nn.Module` (PEFT: `custom`).
  public var modelType: String?
  /// True for a transformers `PreTrainedModel`.
  public var isPreTrainedModel: Bool
  /// The path of the output embedding (`lm_head`), if any.
  public var outputEmbeddings: String?
  /// `name_or_path`, copied into `base_model_name_or_path`.
  public var nameOrPath: String?

  public init(
    modelType: String? = nil, isPreTrainedModel: Bool = false, outputEmbeddings: String? = nil,
    nameOrPath: String? = nil
  ) {
    self.modelType = modelType
    self.isPreTrainedModel = isPreTrainedModel
    self.outputEmbeddings = outputEmbeddings
    self.nameOrPath = nameOrPath
  }

  /// A plain `nn.Module` (PEFT's `custom` model type, nothing left out by `all-linear`).
  public static let plainModule = BaseModelInfo()

  /// Transformers' conventional output-embedding names, tried in order for `inferred(from:)`.
  static let outputEmbeddingNames = ["lm_head", "embed_out", "proj_out", "output"]

  /// A best guess from the tree alone: the `model_type` is the given one, else the catalog
  /// type whose classes include the root class (`LlamaForCausalLM` -> `llama`); a root
  /// class named like a transformers model (`...ForCausalLM`, `...Model`) or with a known
  /// type is a `PreTrainedModel`, and a top-level Linear named `lm_head`/`embed_out`/
  /// `proj_out`/`output` is its output embedding. Prefer values from the model's
  /// `config.json` when available.
  public static func inferred(from tree: ModuleTree, modelType: String? = nil) -> BaseModelInfo {
    let root = tree.rootTypeName
    let type = modelType ?? catalogModelType(ofClass: root)
    let isHF = type != nil || root.contains("For") || root.hasSuffix("Model")
    var output: String?
    if isHF {
      for name in outputEmbeddingNames {
        if let m = tree[name], m.kind.isLinearLike {
          output = name
          break
        }
      }
    }
    return BaseModelInfo(modelType: type, isPreTrainedModel: isHF, outputEmbeddings: output)
  }

  /// The catalog `model_type` that builds the class `name`, if any.
  static func catalogModelType(ofClass name: String) -> String? {
    for type in ModelCatalog.modelTypes where ModelCatalog.architectures(of: type)?.contains(name) == true {
      return type
    }
    return nil
  }

  /// PEFT's `TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING` (0.21.2).
  static let defaultTargetModules: [String: TargetModules] = [
    "t5": .names(["q", "v"]), "mt5": .names(["q", "v"]), "bart": .names(["q_proj", "v_proj"]),
    "gpt2": .names(["c_attn"]), "bloom": .names(["query_key_value"]),
    "blip-2": .names(["q", "v", "q_proj", "v_proj"]), "opt": .names(["q_proj", "v_proj"]),
    "gptj": .names(["q_proj", "v_proj"]), "gpt_neox": .names(["query_key_value"]),
    "gpt_neo": .names(["q_proj", "v_proj"]), "bert": .names(["query", "value"]),
    "roberta": .names(["query", "value"]), "xlm-roberta": .names(["query", "value"]),
    "electra": .names(["query", "value"]), "deberta-v2": .names(["query_proj", "value_proj"]),
    "deberta": .names(["in_proj"]), "layoutlm": .names(["query", "value"]), "llama": .names(["q_proj", "v_proj"]),
    "llama4": .names(["q_proj", "v_proj"]), "chatglm": .names(["query_key_value"]),
    "gpt_bigcode": .names(["c_attn"]), "mpt": .names(["Wqkv"]), "RefinedWebModel": .names(["query_key_value"]),
    "RefinedWeb": .names(["query_key_value"]), "falcon": .names(["query_key_value"]),
    "btlm": .names(["c_proj", "c_attn"]), "codegen": .names(["qkv_proj"]), "mistral": .names(["q_proj", "v_proj"]),
    "mixtral": .names(["q_proj", "v_proj"]), "stablelm": .names(["q_proj", "v_proj"]),
    "phi": .names(["q_proj", "v_proj", "fc1", "fc2"]), "gemma": .names(["q_proj", "v_proj"]),
    "gemma2": .names(["q_proj", "v_proj"]), "gemma3_text": .names(["q_proj", "v_proj"]),
    "gemma4": .regex(#".*language_model\..*\.(q_proj|v_proj)"#), "qwen2": .names(["q_proj", "v_proj"]),
    "qwen3": .names(["q_proj", "v_proj"]), "nemotron_h": .names(["q_proj", "k_proj", "v_proj", "o_proj"]),
    "rwkv": .names(["key", "value", "receptance", "output"]),
    "rwkv7": .names(["r_proj", "k_proj", "v_proj", "o_proj", "key", "value"]),
  ]
}
