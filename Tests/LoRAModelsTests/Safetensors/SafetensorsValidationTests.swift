import Foundation
import LoRANumerics
import Testing

@Suite struct SafetensorsValidationTests {
  /// A file with the given header text (length prefix computed) and data bytes.
  static func raw(header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> Data {
    let h = Array(header.utf8)
    let n = declaredLength ?? UInt64(h.count)
    var bytes = withUnsafeBytes(of: n.littleEndian, Array.init)
    bytes += h
    bytes += data
    return Data(bytes)
  }

  func error(of data: Data) -> SafetensorsError? {
    do {
      _ = try SafetensorsHeader(fileBytes: data, source: "model.safetensors")
      return nil
    } catch {
      return error
    }
  }

  @Test(arguments: [
    (Data([1, 2, 3]), SafetensorsError.Kind.headerTooSmall),
    (raw(header: "{}", declaredLength: 100_000_001), .headerTooLarge),
    (raw(header: "{}", declaredLength: 40), .truncated),
    (raw(header: "{\"x\": "), .invalidJSON),
    (raw(header: "[1, 2]"), .invalidJSON),
    (raw(header: #"{"x":{"dtype":"F33","shape":[1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), .invalidEntry),
    (raw(header: #"{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), .invalidEntry),
    (raw(header: #"{"x":{"dtype":"F32","shape":[1]}}"#, data: [0, 0, 0, 0]), .invalidEntry),
    (raw(header: #"{"__metadata__":{"format":1}}"#), .invalidEntry),
    (raw(header: #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]), .invalidOffsets),
    (raw(header: #"{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: [0, 0]), .invalidOffsets),
    (raw(header: #"{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0, 0]), .invalidOffsets),
    (
      raw(
        header:
          #"{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"y":{"dtype":"F32","shape":[1],"data_offsets":[2,6]}}"#,
        data: Array(repeating: 0, count: 6)), .invalidOffsets
    ),
    (
      raw(
        header:
          #"{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"y":{"dtype":"F32","shape":[1],"data_offsets":[6,10]}}"#,
        data: Array(repeating: 0, count: 10)), .invalidOffsets
    ),
    (raw(header: #"{"x":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}"#), .invalidEntry),
    (raw(header: "{\"\u{7F}x\": 1}"), .invalidEntry),
  ])
  func malformedHeadersAreRejectedWithTheirKindAndTheFileName(input: Data, kind: SafetensorsError.Kind) {
    let e = error(of: input)
    #expect(e?.kind == kind)
    #expect(e?.description.hasPrefix("model.safetensors: ") == true)
  }

  @Test func invalidUTF8InTheHeaderIsRejected() {
    var bytes = withUnsafeBytes(of: UInt64(4).littleEndian, Array.init)
    bytes += [UInt8(ascii: "\""), 0xC3, 0x28, UInt8(ascii: "\"")]
    #expect(error(of: Data(bytes))?.kind == .invalidJSON)
  }

  @Test func paddedHeaderAndZeroSizedTensorsAreAccepted() throws {
    let header = try SafetensorsHeader(
      fileBytes: Self.raw(
        header:
          #"{"e":{"dtype":"F32","shape":[0,3],"data_offsets":[0,0]},"s":{"dtype":"F16","shape":[],"data_offsets":[0,2]}}    "#,
        data: [0, 0x3C]), source: "m")
    #expect(header.names == ["e", "s"])
    #expect(header.tensors["s"]?.elementCount == 1)
    #expect(header.tensors["e"]?.elementCount == 0)
  }

  @Test func missingFileIsAnIOErrorNamingThePath() {
    let url = URL(fileURLWithPath: "/nonexistent/dir/model.safetensors")
    #expect {
      _ = try SafetensorsHeader(contentsOf: url)
    } throws: { error in
      (error as? SafetensorsError)?.kind == .io && "\(error)".contains("/nonexistent/dir/model.safetensors")
    }
  }

  @Test func headerOnlyReadDetectsTruncatedData() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let url = dir.file("cut.safetensors")
    let full = try SafetensorsWriter.serialize([.init(name: "w", shape: [16], values: Array(repeating: 1, count: 16))])
    try full.dropLast(3).write(to: url)
    #expect {
      _ = try SafetensorsHeader(contentsOf: url)
    } throws: { error in
      (error as? SafetensorsError)?.kind == .invalidOffsets && "\(error)".contains("cut.safetensors")
    }
  }
}
