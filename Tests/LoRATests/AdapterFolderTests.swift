import Foundation
import Testing

@testable import LoRA

/// Adapter folders that cannot be read say why, in words, naming the file.
@Suite struct AdapterFolderTests {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("adapter-folder-\(UUID().uuidString)")

  init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

  func write(_ text: String, _ name: String) throws {
    try Data(text.utf8).write(to: directory.appendingPathComponent(name))
  }

  @Test func aConfigThatIsADirectoryIsNamedAsSuch() throws {
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("adapter_config.json"), withIntermediateDirectories: true)
    #expect {
      try AdapterInspection(directory: directory)
    } throws: { error in
      "\(error)".contains("adapter_config.json: cannot be read: is a directory, not a file")
    }
  }

  @Test func aPickleIsRefusedWithTheReasonInInspectAndLoad() throws {
    try write(#"{"peft_type": "LORA", "r": 8, "target_modules": ["q"]}"#, "adapter_config.json")
    try write("", "adapter_model.bin")
    #expect(throws: CheckpointError.self) { try AdapterInspection(directory: directory) }
    #expect {
      try AdapterCheckpoint(contentsOf: directory)
    } throws: { error in
      "\(error)".contains("adapter_model.bin (a pickle), which lora-spec does not read")
    }
  }

  @Test func aNonLoRAAdapterIsNamedByItsTypeNotByAnUnknownField() throws {
    try write(#"{"peft_type": "LOHA", "r": 8, "alpha": 8, "target_modules": ["q"]}"#, "adapter_config.json")
    #expect {
      try AdapterInspection(directory: directory)
    } throws: { error in
      "\(error)".contains("peft_type 'LOHA' is a LoHa adapter, not LoRA") && !"\(error)".contains("alpha")
    }
  }
}
