import Foundation
import LoRANumerics
import Support

/// One saved adapter: its `adapter_config.json` and the tensors of
/// `adapter_model.safetensors` under PEFT's saved keys.
public struct AdapterCheckpoint: Equatable, Sendable {
  /// The adapter's config (written as PEFT writes `adapter_config.json`).
  public var config: LoraConfig
  /// Tensors by saved key (`base_model.model.lin0.lora_A.weight`).
  public var tensors: [String: Tensor]

  public init(config: LoraConfig, tensors: [String: Tensor]) {
    self.config = config
    self.tensors = tensors
  }

  /// File names PEFT uses.
  public static let configFileName = "adapter_config.json"
  public static let weightsFileName = "adapter_model.safetensors"

  /// Collects adapter `name` from LoRA layers (keys from each layer's `path`).
  public init(layers: [LoraLayer], adapter name: String, config: LoraConfig) {
    var tensors: [String: Tensor] = [:]
    for layer in layers {
      guard let adapter = layer.adapter(named: name) else { continue }
      let embedding = layer.kind == .embedding
      tensors[PeftStateDictKeys.savedKey(modulePath: layer.path, tensor: embedding ? .embeddingA : .loraA)] = adapter.a
      tensors[PeftStateDictKeys.savedKey(modulePath: layer.path, tensor: embedding ? .embeddingB : .loraB)] = adapter.b
      if let m = adapter.magnitude {
        tensors[PeftStateDictKeys.savedKey(modulePath: layer.path, tensor: .magnitude)] = m
      }
    }
    self.init(config: config, tensors: tensors)
  }

  /// The module paths this adapter touches, sorted.
  public var modulePaths: [String] {
    Set(tensors.keys.compactMap { PeftStateDictKeys.parse(savedKey: $0)?.modulePath }).sorted()
  }

  // MARK: Files

  /// Writes `adapter_config.json` and `adapter_model.safetensors` (F32, metadata
  /// `{"format": "pt"}`) into `directory`, creating it.
  public func write(to directory: URL) throws {
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw CheckpointError(file: directory.path, "cannot create the directory (\(error.localizedDescription))")
    }
    let configURL = directory.appendingPathComponent(Self.configFileName)
    do {
      try AtomicFile.write(Data(config.adapterConfigJSON().utf8), to: configURL.path)
    } catch {
      throw CheckpointError(file: configURL.path, "cannot be written (\(error.reason))")
    }
    let entries = tensors.keys.sorted().compactMap { key in
      tensors[key].map { SafetensorsWriter.Tensor(name: key, shape: $0.shape, values: $0.scalars) }
    }
    try SafetensorsWriter.write(
      entries, metadata: ["format": "pt"], to: directory.appendingPathComponent(Self.weightsFileName))
  }

  /// Reads a checkpoint directory (`adapter_config.json` + `adapter_model.safetensors`);
  /// F16/BF16 tensors are converted to Float32.
  public init(contentsOf directory: URL) throws {
    let folder = try AdapterFolder(directory)
    let config = folder.config
    let weightsURL = folder.weightsURL
    let file = try SafetensorsFile(contentsOf: weightsURL)
    var tensors: [String: Tensor] = [:]
    for name in file.names {
      let info = try file.info(named: name)
      tensors[name] = try Tensor(shape: info.shape, scalars: file.floats(named: name))
    }
    self.init(config: config, tensors: tensors)
  }

  /// Saves several adapters as `save_pretrained` does: `default` in `directory`, every
  /// other adapter in `directory/<name>/`.
  public static func writeAll(_ adapters: [String: AdapterCheckpoint], to directory: URL) throws {
    for name in adapters.keys.sorted() {
      guard let checkpoint = adapters[name] else { continue }
      let target = name == "default" ? directory : directory.appendingPathComponent(name)
      try checkpoint.write(to: target)
    }
  }
}
