import Foundation
import LoRA
import LoRAModules
import LoRANumerics
import RunResults
import SpecRunner
import Support

/// Real weights for a scenario whose model is a module list: the modules run in order as
/// an `nn.Sequential` does, weights from the seeded generator (keyed by parameter name),
/// LoRA layers placed where the PEFT model put them, with their rank and alpha.
///
/// The measured quantities `expect numerics` reads are kept here (see `quantity(_:)`).
struct NumericsState: Sendable {
  /// The model with adapters, after the steps so far.
  private(set) var model: SequentialModel
  /// The model before injection (for "the output equals the base output").
  let original: SequentialModel
  /// Spec module path of each sequential index.
  let paths: [String]
  /// A fixed, seeded evaluation input.
  let input: LayerInput
  let baseOutput: Tensor
  private(set) var configs: [String: LoraConfig] = [:]
  private(set) var mergedVsUnmerged: Float?
  private(set) var outputVsSaved: Float?
  private(set) var savedKeys: [String: [String]] = [:]
  private(set) var training: TrainingReport?
  private var savedDirectory: URL?
  private var outputAtSave: Tensor?

  static let seed: UInt64 = 0

  static func notAvailable(at location: InputLocation) -> SpecError {
    SpecError(
      "numeric steps and expectations need a model given as a `modules:` list that runs in order "
        + "(Embedding or Linear first; Linear, ReLU, GELU, SiLU, Tanh, LayerNorm, Dropout)", at: location)
  }

  /// Builds the numeric twin of a module-list model.
  init(base: ModuleTree, location: InputLocation) throws {
    var modules: [SequentialModule] = []
    var paths: [String] = []
    for module in base.modules where !module.path.isEmpty && module.kind != .container {
      guard let sequential = Self.sequentialModule(module) else {
        throw SpecError(
          "numerics: module '\(module.path)' (\(module.typeName)) cannot run in a sequential model; "
            + "supported: Embedding, Linear, ReLU, GELU, SiLU, Tanh, LayerNorm, Dropout", at: location)
      }
      modules.append(sequential)
      paths.append(module.path)
    }
    do {
      model = try SequentialModel(modules: modules, seed: Self.seed)
      original = model
      input = try SyntheticTask.make(for: model, batchSize: 8, loss: .meanSquaredError, seed: 1).input
      baseOutput = try model.forward(input)
    } catch {
      throw SpecError("numerics: the module list does not run as a sequence: \(error)", at: location)
    }
    self.paths = paths
  }

  static func sequentialModule(_ module: Module) -> SequentialModule? {
    switch module.kind {
    case .linear(let i, let o, let bias): return .linear(inFeatures: i, outFeatures: o, bias: bias)
    case .embedding(let n, let d): return .embedding(numEmbeddings: n, embeddingDim: d)
    case .norm(let dim, false, true): return .layerNorm(dim: dim)
    case .other:
      switch module.typeName {
      case "ReLU": return .relu
      case "GELU": return .gelu
      case "SiLU": return .silu
      case "Tanh": return .tanh
      case "Dropout", "Identity": return .dropout(p: 0)
      default: return nil
      }
    default: return nil
    }
  }

  // MARK: Adapters and steps

  /// Adds adapter `name` on the layers the PEFT model gave it, with their rank and alpha.
  mutating func inject(adapter name: String, config: LoraConfig, plan peft: PeftModel, location: InputLocation) throws {
    if let refusal = Self.unmodelled(config) {
      throw EngineFailure(PeftError(.unsupported, refusal), at: location)
    }
    configs[name] = config
    for layer in peft.layers {
      guard let adapter = layer.adapter(name), let index = paths.firstIndex(of: layer.path) else { continue }
      let settings = LoraSettings(
        r: adapter.r, alpha: adapter.alpha, dropout: Float(adapter.dropout), useRslora: config.useRslora,
        initMode: Self.initMode(config.initLoraWeights))
      try Self.guarded(location) {
        try model.injectAdapter(name: name, targets: [String(index)], settings: settings, seed: Self.seed)
      }
    }
  }

  /// What spec numerics do not compute (they run plain LoRA Linear layers): named with the field
  /// and the reason, so a config is never trained or saved as something else.
  static func unmodelled(_ config: LoraConfig) -> String? {
    let plain = "spec numerics train and save plain LoRA only"
    if config.useDora {
      return "use_dora: \(plain); DoRA's magnitude vector would be neither trained nor saved. "
        + "Remove use_dora, or keep the scenario structural (no numeric steps or expectations)."
    }
    if config.bias != .none {
      return "bias: '\(config.bias.rawValue)': \(plain); the biases PEFT trains with it are not modelled here. "
        + "Use bias: none, or keep the scenario structural."
    }
    if let saved = config.modulesToSave, !saved.isEmpty {
      return "modules_to_save \(saved): \(plain); the trained module copies are not modelled here. "
        + "Remove modules_to_save, or keep the scenario structural."
    }
    if let task = config.taskType, ["SEQ_CLS", "TOKEN_CLS", "QUESTION_ANS"].contains(task) {
      return "task_type \(task) adds its head to modules_to_save: \(plain); the trained head copy is not modelled here."
    }
    if config.loraBias {
      return "lora_bias: \(plain); lora_B's bias would be neither trained nor saved. Remove lora_bias."
    }
    return nil
  }

  static func initMode(_ value: InitLoraWeights) -> LoraInitMode {
    switch value {
    case .bool(false): .noReinit
    case .method(let s) where s == "gaussian": .gaussian
    default: .standard
    }
  }

  mutating func merge(_ adapters: [String]?, safe: Bool, location: InputLocation) throws {
    try Self.guarded(location) {
      let before = try model.forward(input)
      try model.mergeAdapters(adapters, safeMerge: safe)
      mergedVsUnmerged = Self.maxAbsDifference(before, try model.forward(input))
    }
  }

  mutating func unmerge(location: InputLocation) throws {
    try Self.guarded(location) { try model.unmergeAdapters() }
  }

  mutating func mergeAndUnload(location: InputLocation) throws {
    try Self.guarded(location) {
      let before = try model.forward(input)
      model = try model.mergeAndUnload()
      mergedVsUnmerged = Self.maxAbsDifference(before, try model.forward(input))
    }
  }

  mutating func setAdapter(_ name: String, location: InputLocation) throws {
    try Self.guarded(location) { try model.setActiveAdapters([name]) }
  }

  mutating func setDisabled(_ disabled: Bool) { model.setAdaptersDisabled(disabled) }

  mutating func deleteAdapter(_ name: String, location: InputLocation) throws {
    throw SpecError(
      "delete_adapter is structural only here: numeric expectations after it are not supported", at: location)
  }

  mutating func train(_ settings: TrainingStep, location: InputLocation) throws {
    try Self.guarded(location) {
      let loss: LossFunction = settings.loss == "cross_entropy" ? .crossEntropy : .meanSquaredError
      let task = try SyntheticTask.make(for: model, batchSize: settings.batchSize, loss: loss, seed: settings.seed + 2)
      if settings.optimizer == "adamw" {
        var optimizer = AdamW(learningRate: Float(settings.learningRate))
        training = try Trainer.train(
          &model, task: task, steps: settings.steps, optimizer: &optimizer, seed: settings.seed)
      } else {
        var optimizer = SGD(learningRate: Float(settings.learningRate))
        training = try Trainer.train(
          &model, task: task, steps: settings.steps, optimizer: &optimizer, seed: settings.seed)
      }
    }
  }

  /// `save_pretrained` into a scenario directory: `default` at the top, others in subfolders.
  mutating func save(peft: PeftModel, directory: URL, location: InputLocation) throws {
    try Self.guarded(location) {
      var checkpoints: [String: AdapterCheckpoint] = [:]
      for (name, config) in configs {
        let checkpoint = model.checkpoint(adapter: name, config: config)
        let renamed = AdapterCheckpoint(config: checkpoint.config, tensors: rename(checkpoint.tensors, toPaths: true))
        checkpoints[name] = renamed
        savedKeys[name] = renamed.tensors.keys.sorted()
      }
      try AdapterCheckpoint.writeAll(checkpoints, to: directory)
      savedDirectory = directory
      outputAtSave = try model.forward(input)
    }
  }

  /// Loads the saved `default` adapter into a fresh copy of the base model and compares outputs.
  mutating func load(location: InputLocation) throws {
    guard let directory = savedDirectory, let expected = outputAtSave else {
      throw SpecError("load needs a save step before it", at: location)
    }
    try Self.guarded(location) {
      let checkpoint = try AdapterCheckpoint(contentsOf: directory)
      var fresh = original
      try fresh.loadAdapter(
        AdapterCheckpoint(config: checkpoint.config, tensors: rename(checkpoint.tensors, toPaths: false)),
        name: "default")
      try fresh.setActiveAdapters(["default"])
      outputVsSaved = Self.maxAbsDifference(expected, try fresh.forward(input))
      model = fresh
    }
  }

  /// Maps the leading sequential index of checkpoint keys to the spec's module paths (and back).
  private func rename(_ tensors: [String: Tensor], toPaths: Bool) -> [String: Tensor] {
    let prefix = "base_model.model."
    var result: [String: Tensor] = [:]
    for (key, value) in tensors {
      guard key.hasPrefix(prefix) else {
        result[key] = value
        continue
      }
      let rest = key.dropFirst(prefix.count)
      var renamed = key
      if toPaths {
        if let dot = rest.firstIndex(of: "."), let index = Int(rest[..<dot]), paths.indices.contains(index) {
          renamed = prefix + paths[index] + rest[dot...]
        }
      } else {
        for (index, path) in paths.enumerated() where rest.hasPrefix(path + ".") {
          renamed = prefix + String(index) + rest.dropFirst(path.count)
          break
        }
      }
      result[renamed] = value
    }
    return result
  }

  /// Runs numeric code, turning the numeric engine's errors into PEFT-style failures.
  private static func guarded(_ location: InputLocation, _ body: () throws -> Void) throws {
    do {
      try body()
    } catch let error as SpecError {
      throw error
    } catch let error as PeftError {
      throw EngineFailure(error, at: location)
    } catch {
      throw EngineFailure(type: "ValueError", message: "\(error)", location: location)
    }
  }

  // MARK: Quantities

  /// The parameter names (spec paths) whose values training changed, in model order.
  var changedParameters: [String]? {
    training.map { report in report.changedParameters.map(pathName) }
  }

  /// `0.lora_A.default.weight` -> `tower.fc1.lora_A.default.weight`.
  func pathName(_ name: String) -> String {
    guard let dot = name.firstIndex(of: "."), let index = Int(name[..<dot]), paths.indices.contains(index) else {
      return name
    }
    return paths[index] + name[dot...]
  }

  /// The names `expect numerics` accepts, with what each measures.
  static let quantities: [(name: String, meaning: String)] = [
    ("output_vs_base", "max |y - y_base| on the seeded input, y_base from the model before injection"),
    ("merged_vs_unmerged", "max |y_merged - y_unmerged| measured by the last merge"),
    ("base_weights_vs_original", "max |W - W_original| over the base weights and biases"),
    ("output_vs_saved", "max |y_loaded - y_saved| after save and load"),
    ("loss_decrease", "first training loss minus the final loss"),
  ]

  func quantity(_ name: String) throws -> Float? {
    switch name {
    case "output_vs_base": return Self.maxAbsDifference(baseOutput, try model.forward(input))
    case "merged_vs_unmerged": return mergedVsUnmerged
    case "output_vs_saved": return outputVsSaved
    case "loss_decrease":
      guard let report = training, let first = report.losses.first else { return nil }
      return first - report.finalLoss
    case "base_weights_vs_original":
      let before = Dictionary(original.namedParameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
      var worst: Float = 0
      for p in model.namedParameters where !p.name.contains("lora_") {
        let name = p.name.replacingOccurrences(of: "base_layer.", with: "")
        guard let old = before[name] else { continue }
        worst = max(worst, Self.maxAbsDifference(old, p.value))
      }
      return worst
    default: return nil
    }
  }

  static func maxAbsDifference(_ a: Tensor, _ b: Tensor) -> Float {
    guard a.shape == b.shape else { return .infinity }
    var worst: Float = 0
    for (x, y) in zip(a.scalars, b.scalars) {
      let d = abs(x - y)
      if d.isNaN { return .nan }
      worst = max(worst, d)
    }
    return worst
  }
}
