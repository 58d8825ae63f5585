import Foundation
import LoRANumerics
import Testing

/// `Fixtures/safetensors/reference.safetensors` was written by `safetensors.torch.save_file`
/// (safetensors 0.8.0, torch 2.13) from F32, F16 and BF16 tensors with metadata
/// `{"format": "pt"}`; `reference.json` lists each tensor's values as float32.
@Suite struct SafetensorsReferenceFileTests {
  struct Expected: Decodable {
    var dtype: String
    var shape: [Int]
    var values: [Double]
  }

  func load() throws -> (SafetensorsFile, [String: Expected], Data) {
    let url = try Fixtures.url("safetensors/reference.safetensors")
    let expected = try JSONDecoder().decode(
      [String: Expected].self, from: Data(contentsOf: Fixtures.url("safetensors/reference.json")))
    return (try SafetensorsFile(contentsOf: url), expected, try Data(contentsOf: url))
  }

  @Test func readerDecodesEveryTensorOfTheReferenceFile() throws {
    let (file, expected, _) = try load()
    #expect(Set(file.names) == Set(expected.keys))
    #expect(file.metadata == ["format": "pt"])
    for (name, e) in expected {
      #expect(file.tensors[name]?.shape == e.shape)
      #expect(try file.floats(named: name) == e.values.map { Float($0) }, "\(name)")
    }
  }

  @Test func writerReproducesTheReferenceFileByteForByte() throws {
    let (file, _, bytes) = try load()
    let tensors = try file.names.map { name in
      SafetensorsWriter.Tensor(
        name: name, shape: file.tensors[name]?.shape ?? [], values: try file.floats(named: name),
        dtype: file.tensors[name]?.dtype ?? .f32)
    }
    let written = try SafetensorsWriter.serialize(tensors.reversed(), metadata: ["format": "pt"])
    #expect(written == bytes)
  }
}
