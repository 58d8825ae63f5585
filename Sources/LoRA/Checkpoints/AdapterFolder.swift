import Foundation
import Support

/// A folder written by PEFT's `save_pretrained`: its config and the path of its weights, read
/// once for `AdapterCheckpoint` and `AdapterInspection` with the same messages.
struct AdapterFolder {
  /// The decoded `adapter_config.json`.
  let config: LoraConfig
  /// `adapter_model.safetensors` in the folder (it exists).
  let weightsURL: URL

  init(_ directory: URL) throws {
    let configURL = directory.appendingPathComponent(AdapterCheckpoint.configFileName)
    guard FileManager.default.fileExists(atPath: configURL.path) else {
      throw CheckpointError(
        file: directory.path,
        "has no \(AdapterCheckpoint.configFileName); give a directory written by PEFT's save_pretrained")
    }
    let data: Data
    do {
      data = try InputFile.read(configURL.path, limit: 64 << 20)
    } catch {
      throw CheckpointError(file: configURL.path, "cannot be read: \(error.reason)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CheckpointError(file: configURL.path, "is not UTF-8 text")
    }
    config = try LoraConfig.decode(text, file: configURL.path)
    weightsURL = directory.appendingPathComponent(AdapterCheckpoint.weightsFileName)
    guard FileManager.default.fileExists(atPath: weightsURL.path) else {
      let hasBin = FileManager.default.fileExists(atPath: directory.appendingPathComponent("adapter_model.bin").path)
      throw CheckpointError(
        file: directory.path,
        hasBin
          ? "holds adapter_model.bin (a pickle), which lora-spec does not read (unpickling runs code); "
            + "re-save it with safe_serialization=True"
          : "has no \(AdapterCheckpoint.weightsFileName)")
    }
  }
}
