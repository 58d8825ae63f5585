import LoRAModules
import LoRANumerics

/// Builds a seeded, PEFT-loadable adapter for a model structure (`lora-spec adapter init`):
/// the planner decides targets, ranks and alphas exactly as `get_peft_model` would; the
/// factors follow `init_lora_weights` from generators keyed by module path.
public enum AdapterInitializer {
  /// The checkpoint and the plan it came from.
  public static func makeCheckpoint(
    model: ModuleTree, config: LoraConfig, adapterName: String = "default", seed: UInt64 = 0
  ) throws -> (checkpoint: AdapterCheckpoint, plan: InjectionPlan) {
    if config.useDora {
      throw PeftError(
        .unsupported,
        "use_dora needs the base weights to set lora_magnitude_vector; adapter init writes plain LoRA adapters")
    }
    if !(config.targetParameters ?? []).isEmpty {
      throw PeftError(.unsupported, "target_parameters adapters are not written by adapter init")
    }
    if config.loraBias {
      throw PeftError(
        .unsupported,
        "lora_bias: PEFT saves lora_B's bias (lora_B.bias) and loads nothing without it; adapter init writes no biases"
      )
    }
    let injection = try plan(model: model, config: config, adapterName: adapterName)
    if !injection.modulesToSave.isEmpty {
      let origin = (config.modulesToSave ?? []).isEmpty ? "task_type \(config.taskType ?? "")" : "modules_to_save"
      throw PeftError(
        .unsupported,
        "\(origin) wraps \(injection.modulesToSave.joined(separator: ", ")): PEFT saves a trained copy of each "
          + "(modules_to_save.<adapter>) and cannot load the adapter without it; adapter init has no base weights to "
          + "copy. Remove modules_to_save (and task_type), or save the adapter from a spec with real weights."
      )
    }
    let mode = try config.numericInitMode()
    var tensors: [String: Tensor] = [:]
    for layer in injection.layers {
      let key = layer.path + "." + adapterName
      switch layer.baseKind {
      case .linear, .transformersConv1D:
        let (a, b) = try LoraInitialisation.linearFactors(
          inFeatures: layer.inFeatures, outFeatures: layer.outFeatures, r: layer.r, mode: mode, seed: seed, key: key)
        tensors[PeftStateDictKeys.savedKey(modulePath: layer.path, tensor: .loraA)] = a
        tensors[PeftStateDictKeys.savedKey(modulePath: layer.path, tensor: .loraB)] = b
      case .embedding:
        let (a, b) = try LoraInitialisation.embeddingFactors(
          numEmbeddings: layer.inFeatures, embeddingDim: layer.outFeatures, r: layer.r, mode: mode, seed: seed,
          key: key)
        tensors[PeftStateDictKeys.savedKey(modulePath: layer.path, tensor: .embeddingA)] = a
        tensors[PeftStateDictKeys.savedKey(modulePath: layer.path, tensor: .embeddingB)] = b
      default:
        throw PeftError(
          .unsupported,
          "module \(layer.path) is a \(layer.baseTypeName); adapter init writes Linear, Conv1D and Embedding adapters only"
        )
      }
    }
    return (AdapterCheckpoint(config: injection.config, tensors: tensors), injection)
  }
}
