import Foundation
import LoRANumerics
import Support
import Testing

@Suite struct SafetensorsRoundTripTests {
  @Test func writtenFileReadsBackExactlyInF32() throws {
    let values: [Float] = [1, -2.5, 3.25e-8, .greatestFiniteMagnitude, -0.0, 7]
    let data = try SafetensorsWriter.serialize(
      [.init(name: "w", shape: [2, 3], values: values), .init(name: "b", shape: [2], values: [0.5, -0.5])])
    let file = try SafetensorsFile(bytes: data, source: "mem.safetensors")
    #expect(try file.floats(named: "w").map(\.bitPattern) == values.map(\.bitPattern))
    #expect(try file.floats(named: "b") == [0.5, -0.5])
    #expect(file.tensors["w"]?.shape == [2, 3])
    #expect(file.names == ["b", "w"])
    #expect(file.metadata == nil)
  }

  @Test func halfAndBFloat16AreRoundedToNearestEven() throws {
    // 1 + 2^-11 is halfway between two halves: ties to even gives 1.0.
    // 1 + 3·2^-11 is halfway too: ties to even gives 1 + 2^-9.
    let values: [Float] = [1 + 0x1p-11, 1 + 3 * 0x1p-11, 65520, 65519, 0x1p-25, 0x1.8p-25, .infinity]
    let data = try SafetensorsWriter.serialize([.init(name: "h", shape: [7], values: values, dtype: .f16)])
    let back = try SafetensorsFile(bytes: data, source: "h").floats(named: "h")
    #expect(back == [1, 1 + 0x1p-9, .infinity, 65504, 0, 0x1p-24, .infinity])

    let bf: [Float] = [1 + 0x1p-8, 1 + 3 * 0x1p-8, -3.140625]
    let bdata = try SafetensorsWriter.serialize([.init(name: "b", shape: [3], values: bf, dtype: .bf16)])
    #expect(try SafetensorsFile(bytes: bdata, source: "b").floats(named: "b") == [1, 1 + 0x1p-6, -3.140625])
  }

  #if !(os(macOS) && arch(x86_64))
    @Test func halfDecodingMatchesFloat16ForEveryBitPattern() throws {
      var bytes: [UInt8] = []
      for h in 0...UInt16.max {
        bytes.append(UInt8(truncatingIfNeeded: h))
        bytes.append(UInt8(truncatingIfNeeded: h >> 8))
      }
      let file = try SafetensorsFile(bytes: Self.file(dtype: "F16", count: 65536, data: bytes), source: "all")
      let decoded = try file.floats(named: "x")
      for h in 0...UInt16.max {
        let expected = Float(Float16(bitPattern: h))
        let got = decoded[Int(h)]
        #expect(got.bitPattern == expected.bitPattern || (got.isNaN && expected.isNaN), "half bits \(h)")
      }
    }

    @Test func halfEncodingMatchesFloat16OnRandomFloats() throws {
      var rng = SeededGenerator(seed: 7)
      var values: [Float] = (0..<20_000).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: rng.next())) }
      values += (0..<20_000).map { _ in Float.random(in: -70_000...70_000, using: &rng) }
      values += (0..<20_000).map { _ in Float.random(in: -1e-4...1e-4, using: &rng) }
      let data = try SafetensorsWriter.serialize([.init(name: "x", shape: [values.count], values: values, dtype: .f16)])
      let back = try SafetensorsFile(bytes: data, source: "x").floats(named: "x")
      for (v, got) in zip(values, back) {
        let expected = Float(Float16(v))
        #expect(got.bitPattern == expected.bitPattern || (got.isNaN && expected.isNaN), "value \(v)")
      }
    }
  #endif

  @Test func f64AndIntegerTensorsConvertToFloat() throws {
    var bytes: [UInt8] = []
    for d in [1.5, -2.0, 1e300] { bytes += withUnsafeBytes(of: d.bitPattern.littleEndian, Array.init) }
    let f64 = try SafetensorsFile(bytes: Self.file(dtype: "F64", count: 3, data: bytes), source: "d")
    #expect(try f64.floats(named: "x") == [1.5, -2, .infinity])
    let i8 = try SafetensorsFile(bytes: Self.file(dtype: "I8", count: 3, data: [0xFF, 0x05, 0x80]), source: "i")
    #expect(try i8.floats(named: "x") == [-1, 5, -128])
  }

  @Test func headerOnlyReadSeesShapesAndMetadataWithoutData() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let url = dir.file("adapter_model.safetensors")
    try SafetensorsWriter.write(
      [
        .init(name: "a.lora_A.weight", shape: [4, 8], values: Array(repeating: 1, count: 32)),
        .init(name: "a.lora_B.weight", shape: [8, 4], values: Array(repeating: 2, count: 32), dtype: .bf16),
      ], metadata: ["format": "pt"], to: url)
    let header = try SafetensorsHeader(contentsOf: url)
    #expect(header.metadata == ["format": "pt"])
    #expect(header.names == ["a.lora_A.weight", "a.lora_B.weight"])
    #expect(header.tensors["a.lora_B.weight"]?.dtype == .bf16)
    #expect(header.tensors["a.lora_B.weight"]?.dataOffsets == 128..<192)
    #expect(header.headerLength % 8 == 0)
    #expect(try SafetensorsFile(contentsOf: url).floats(named: "a.lora_B.weight") == Array(repeating: 2, count: 32))
  }

  @Test func layoutMatchesTheReferenceWriter() throws {
    // Bytes produced by safetensors.torch.save_file for the same tensors
    // ({"b": F16 [2], "a": F32 [1], "c": BF16 [1]}, metadata {"format": "pt"}).
    let data = try SafetensorsWriter.serialize(
      [
        .init(name: "b", shape: [2], values: [1, 2], dtype: .f16),
        .init(name: "a", shape: [1], values: [3]),
        .init(name: "c", shape: [1], values: [4], dtype: .bf16),
      ], metadata: ["format": "pt"])
    let expectedHeader =
      #"{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"#
      + #""c":{"dtype":"BF16","shape":[1],"data_offsets":[4,6]},"b":{"dtype":"F16","shape":[2],"data_offsets":[6,10]}}"#
    let padded = expectedHeader + String(repeating: " ", count: (8 - expectedHeader.utf8.count % 8) % 8)
    let headerBytes = [UInt8](data.dropFirst(8).prefix(padded.utf8.count))
    #expect(String(decoding: headerBytes, as: UTF8.self) == padded)
    #expect(data.count == 8 + padded.utf8.count + 10)
  }

  @Test func writerRejectsMismatchedShapesAndDuplicates() {
    #expect(throws: SafetensorsError.self) {
      try SafetensorsWriter.serialize([.init(name: "x", shape: [2, 2], values: [1, 2, 3])])
    }
    #expect(throws: SafetensorsError.self) {
      try SafetensorsWriter.serialize([
        .init(name: "x", shape: [1], values: [1]), .init(name: "x", shape: [1], values: [2]),
      ])
    }
    #expect(throws: SafetensorsError.self) {
      try SafetensorsWriter.serialize([.init(name: "x", shape: [1], values: [1], dtype: .i64)])
    }
  }

  @Test func unknownTensorNameIsAnErrorNamingTheFile() throws {
    let file = try SafetensorsFile(
      bytes: SafetensorsWriter.serialize([.init(name: "x", shape: [1], values: [1])]), source: "weights.safetensors")
    do {
      _ = try file.floats(named: "y")
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .unknownTensor)
      #expect(error.description.hasPrefix("weights.safetensors:"))
    }
  }

  /// A one-tensor file named "x" with raw data bytes.
  static func file(dtype: String, count: Int, data: [UInt8]) -> Data {
    let json = #"{"x":{"dtype":"\#(dtype)","shape":[\#(count)],"data_offsets":[0,\#(data.count)]}}"#
    return SafetensorsValidationTests.raw(header: json, data: data)
  }
}
