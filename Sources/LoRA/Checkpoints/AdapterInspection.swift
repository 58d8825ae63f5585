import Foundation
import LoRAModules
import LoRANumerics

/// What `lora-spec adapter inspect` reports about a saved adapter directory, read from
/// `adapter_config.json` and the safetensors header only (no weights are loaded).
public struct AdapterInspection: Equatable, Sendable {
  /// One adapted module.
  public struct ModuleEntry: Equatable, Sendable {
    /// The module key in the base model (without `base_model.model.`).
    public var path: String
    /// `Linear` (lora_A/lora_B), `Embedding` (lora_embedding_A/B).
    public var kind: String
    /// The rank (rows of A).
    public var r: Int
    /// Input and output features (`num_embeddings`, `embedding_dim` for an Embedding).
    public var inFeatures: Int
    public var outFeatures: Int
    /// `lora_alpha` after `alpha_pattern`, and the resulting scaling.
    public var alpha: Double
    public var scaling: Double
    /// Whether a DoRA magnitude vector is saved for it.
    public var dora: Bool
    /// Element types of its tensors (`F32`, `BF16`…), sorted, deduplicated.
    public var dtypes: [String]
  }

  /// A problem fitting the adapter to a model.
  public struct Mismatch: Equatable, Sendable, CustomStringConvertible {
    public var key: String
    public var message: String
    public var description: String { "\(key): \(message)" }
  }

  /// The directory inspected.
  public var directory: String
  /// The decoded config.
  public var config: LoraConfig
  /// Adapted modules, sorted by path.
  public var modules: [ModuleEntry]
  /// Tensors that are not LoRA factors (modules_to_save copies, biases, trainable tokens).
  public var otherTensors: [String]
  /// Total elements over all tensors and the size of `adapter_model.safetensors` in bytes.
  public var parameterCount: Int
  public var fileBytes: Int
  /// Sub-directories holding further adapters (`<dir>/<name>/adapter_config.json`).
  public var otherAdapters: [String]
  /// With a model: keys or shapes that do not fit it (empty when everything fits).
  public var mismatches: [Mismatch]?
  /// With a model: adapted modules whose base parameters are all frozen there.
  public var adaptedFrozen: [String]?

  /// Inspects a checkpoint directory, optionally against a model tree.
  public init(directory: URL, model: ModuleTree? = nil) throws {
    let folder = try AdapterFolder(directory)
    config = folder.config
    let weightsURL = folder.weightsURL
    let header = try SafetensorsHeader(contentsOf: weightsURL)
    self.directory = directory.path
    fileBytes = header.dataStart + header.dataLength
    parameterCount = header.tensors.values.reduce(0) { $0 + $1.elementCount }

    var grouped: [String: [AdapterTensorKind: SafetensorsTensorInfo]] = [:]
    var others: [String] = []
    for name in header.names {
      guard let info = header.tensors[name] else { continue }
      if let (path, kind) = PeftStateDictKeys.parse(savedKey: name) {
        grouped[path, default: [:]][kind] = info
      } else {
        others.append(name)
      }
    }
    otherTensors = others.sorted()
    var entries: [ModuleEntry] = []
    for path in grouped.keys.sorted() {
      guard let group = grouped[path] else { continue }
      let embedding = group[.embeddingA] != nil || group[.embeddingB] != nil
      let a = group[embedding ? .embeddingA : .loraA]
      let b = group[embedding ? .embeddingB : .loraB]
      let r = a?.shape.first ?? b?.shape.last ?? 0
      let alpha = config.alpha(forModule: path)
      entries.append(
        ModuleEntry(
          path: path, kind: embedding ? "Embedding" : "Linear", r: r, inFeatures: a?.shape.last ?? 0,
          outFeatures: b?.shape.first ?? 0, alpha: alpha,
          scaling: r > 0 ? (config.useRslora ? alpha / Double(r).squareRoot() : alpha / Double(r)) : 0,
          dora: group[.magnitude] != nil,
          dtypes: Set(group.values.map(\.dtype.rawValue)).sorted()))
    }
    modules = entries
    otherAdapters = Self.subAdapters(of: directory)
    if let model {
      (mismatches, adaptedFrozen) = Self.check(grouped, against: model)
    }
  }

  private static func subAdapters(of directory: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { name in
      FileManager.default.fileExists(
        atPath: directory.appendingPathComponent(name).appendingPathComponent(AdapterCheckpoint.configFileName).path)
    }.sorted()
  }

  private static func check(
    _ grouped: [String: [AdapterTensorKind: SafetensorsTensorInfo]], against model: ModuleTree
  ) -> ([Mismatch], [String]) {
    var mismatches: [Mismatch] = []
    var frozen: [String] = []
    for path in grouped.keys.sorted() {
      guard let group = grouped[path] else { continue }
      guard let module = model[path] else {
        mismatches.append(Mismatch(key: path, message: "no module with this name in the model"))
        continue
      }
      let expected: (a: [Int], b: [Int])?
      let embedding = group[.embeddingA] != nil || group[.embeddingB] != nil
      let r = group[embedding ? .embeddingA : .loraA]?.shape.first ?? 0
      switch module.kind {
      case .linear(let i, let o, _), .transformersConv1D(let i, let o):
        expected = embedding ? nil : ([r, i], [o, r])
      case .embedding(let n, let d):
        expected = embedding ? ([r, n], [d, r]) : nil
      default:
        expected = nil
      }
      guard let expected else {
        mismatches.append(
          Mismatch(
            key: path,
            message: "the adapter has \(embedding ? "Embedding" : "Linear") factors but the model's module is "
              + module.typeName))
        continue
      }
      let kinds: (AdapterTensorKind, AdapterTensorKind) = embedding ? (.embeddingA, .embeddingB) : (.loraA, .loraB)
      for (kind, shape) in [(kinds.0, expected.a), (kinds.1, expected.b)] {
        guard let info = group[kind] else {
          mismatches.append(Mismatch(key: path, message: "\(kind.savedSuffix) is missing"))
          continue
        }
        if info.shape != shape {
          mismatches.append(
            Mismatch(
              key: info.name,
              message:
                "shape \(formatShape(info.shape)) does not fit \(module.typeName) (expected \(formatShape(shape)))"
            ))
        }
      }
      if let m = group[.magnitude] {
        let out = expected.b.first ?? 0
        if m.shape != [out] {
          mismatches.append(
            Mismatch(key: m.name, message: "shape \(formatShape(m.shape)) does not fit (expected [\(out)])"))
        }
      }
      if !module.parameters.isEmpty, module.parameters.allSatisfy({ !$0.requiresGrad }) { frozen.append(path) }
    }
    return (mismatches, frozen)
  }
}
