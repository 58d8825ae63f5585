import Foundation
import LoRANumerics
import Support
import Testing

/// Random bytes and truncations never crash the reader; every failure names the input.
@Suite struct SafetensorsFuzzTests {
  static let valid: Data = {
    (try? SafetensorsWriter.serialize(
      [
        .init(name: "model.embed_tokens.weight", shape: [8, 4], values: (0..<32).map(Float.init)),
        .init(name: "model.norm.weight", shape: [4], values: [1, 1, 1, 1], dtype: .bf16),
        .init(name: "lm_head.weight", shape: [8, 4], values: (0..<32).map { Float($0) / 3 }, dtype: .f16),
      ], metadata: ["format": "pt"])) ?? Data()
  }()

  func check(_ data: Data) {
    do {
      let file = try SafetensorsFile(bytes: data, source: "fuzz.safetensors")
      for name in file.names { _ = try file.floats(named: name) }
    } catch {
      #expect(error.description.hasPrefix("fuzz.safetensors: "))
    }
  }

  @Test func everyTruncationOfAValidFileFailsCleanly() {
    #expect(!Self.valid.isEmpty)
    for length in 0..<Self.valid.count {
      do {
        _ = try SafetensorsHeader(fileBytes: Self.valid.prefix(length), source: "fuzz.safetensors")
        Issue.record("truncation to \(length) bytes was accepted")
      } catch {
        #expect(error.description.hasPrefix("fuzz.safetensors: "))
      }
    }
  }

  @Test func randomByteFlipsNeverCrash() {
    var rng = SeededGenerator(seed: 2024)
    for _ in 0..<3000 {
      var bytes = [UInt8](Self.valid)
      for _ in 0..<Int.random(in: 1...4, using: &rng) {
        let i = Int.random(in: 0..<bytes.count, using: &rng)
        bytes[i] = UInt8.random(in: 0...255, using: &rng)
      }
      check(Data(bytes))
    }
  }

  @Test func randomHeadersNeverCrash() {
    var rng = SeededGenerator(seed: 99)
    let alphabet = Array(#"{}[]:,"0123456789-.eE dtypeshapedata_offsetsF32BF16__metadata__\u"#.utf8)
    for _ in 0..<3000 {
      let length = Int.random(in: 0..<120, using: &rng)
      let header = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
      var bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init)
      bytes += header
      bytes += (0..<Int.random(in: 0..<16, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
      check(Data(bytes))
    }
  }

  @Test func randomBytesNeverCrash() {
    var rng = SeededGenerator(seed: 5)
    for _ in 0..<2000 {
      let bytes = (0..<Int.random(in: 0..<64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
      check(Data(bytes))
    }
  }

  @Test func deeplyNestedJSONIsRejectedNotOverflowed() {
    let header = String(repeating: "[", count: 100_000)
    var bytes = withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian, Array.init)
    bytes += Array(header.utf8)
    #expect(throws: SafetensorsError.self) { try SafetensorsHeader(fileBytes: Data(bytes), source: "deep") }
  }
}
