import ConfigValues
import Foundation
import Support

/// Writes safetensors files byte for byte as the reference implementation
/// (`safetensors.torch.save_file`) does: compact JSON header with `__metadata__`
/// first, tensors laid out by dtype (F32, then BF16, then F16) and then by name,
/// the header padded with spaces to a multiple of 8 bytes.
///
/// ```swift
/// try SafetensorsWriter.write(
///   [.init(name: "lora_A.weight", shape: [8, 64], values: a)],
///   metadata: ["format": "pt"], to: url)
/// ```
public enum SafetensorsWriter {
  /// One tensor to write: Float32 values, stored as `dtype`.
  public struct Tensor: Hashable, Sendable {
    /// The key in the header.
    public var name: String
    /// The shape; its product must equal `values.count`.
    public var shape: [Int]
    /// Row-major values.
    public var values: [Float]
    /// The stored element type: `.f32`, `.f16` or `.bf16` (rounded to nearest even).
    public var dtype: SafetensorsDType

    public init(name: String, shape: [Int], values: [Float], dtype: SafetensorsDType = .f32) {
      self.name = name
      self.shape = shape
      self.values = values
      self.dtype = dtype
    }
  }

  /// The bytes of a safetensors file holding `tensors`.
  ///
  /// - Parameters:
  ///   - metadata: the `__metadata__` map (PEFT writes `["format": "pt"]`); omitted when nil.
  ///   - source: the name used in errors.
  /// - Throws: `SafetensorsError` (`invalidInput`) for duplicate or empty names, a shape that
  ///   does not match the values, or an unsupported dtype.
  public static func serialize(
    _ tensors: [Tensor], metadata: [String: String]? = nil, source: String = "<safetensors>"
  ) throws(SafetensorsError) -> Data {
    var seen: Set<String> = []
    for t in tensors {
      func bad(_ d: String) -> SafetensorsError {
        SafetensorsError(.invalidInput, file: source, "tensor \"\(t.name)\": \(d)")
      }
      guard !t.name.isEmpty, t.name != "__metadata__" else { throw bad("invalid tensor name") }
      guard seen.insert(t.name).inserted else { throw bad("duplicate tensor name") }
      guard [.f32, .f16, .bf16].contains(t.dtype) else {
        throw bad("the writer stores F32, F16 or BF16, not \(t.dtype.rawValue)")
      }
      guard t.shape.allSatisfy({ $0 >= 0 }), t.shape.reduce(1, *) == t.values.count else {
        throw bad("shape \(t.shape) does not hold \(t.values.count) values")
      }
    }
    let ordered = tensors.sorted {
      ($0.dtype.referenceRank, $1.name) > ($1.dtype.referenceRank, $0.name)
    }
    var header = "{"
    var first = true
    if let metadata {
      header += "\"__metadata__\":{"
      header += metadata.keys.sorted().map { ConfigValue.quoted($0) + ":" + ConfigValue.quoted(metadata[$0] ?? "") }
        .joined(separator: ",")
      header += "}"
      first = false
    }
    var offset = 0
    for t in ordered {
      let size = t.values.count * t.dtype.byteSize
      if !first { header += "," }
      first = false
      header += ConfigValue.quoted(t.name) + ":{\"dtype\":\"\(t.dtype.rawValue)\",\"shape\":["
      header += t.shape.map(String.init).joined(separator: ",")
      header += "],\"data_offsets\":[\(offset),\(offset + size)]}"
      offset += size
    }
    header += "}"
    var headerBytes = Array(header.utf8)
    headerBytes += Array(repeating: UInt8(ascii: " "), count: (8 - headerBytes.count % 8) % 8)

    var out = [UInt8]()
    out.reserveCapacity(8 + headerBytes.count + offset)
    var n = UInt64(headerBytes.count)
    for _ in 0..<8 {
      out.append(UInt8(truncatingIfNeeded: n))
      n >>= 8
    }
    out += headerBytes
    for t in ordered { append(t, to: &out) }
    return Data(out)
  }

  /// Writes `tensors` to `url` atomically (a temporary file, then a rename).
  ///
  /// - Throws: `SafetensorsError` naming the file.
  public static func write(_ tensors: [Tensor], metadata: [String: String]? = nil, to url: URL) throws(SafetensorsError)
  {
    let data = try serialize(tensors, metadata: metadata, source: url.path)
    do {
      try AtomicFile.write(data, to: url.path)
    } catch {
      throw SafetensorsError(.io, file: url.path, "cannot write the file (\(error.reason))")
    }
  }

  private static func append(_ t: Tensor, to out: inout [UInt8]) {
    switch t.dtype {
    case .f16:
      for v in t.values { appendLE(UInt64(HalfPrecision.halfBits(from: v)), bytes: 2, to: &out) }
    case .bf16:
      for v in t.values { appendLE(UInt64(HalfPrecision.bfloat16Bits(from: v)), bytes: 2, to: &out) }
    default:
      for v in t.values { appendLE(UInt64(v.bitPattern), bytes: 4, to: &out) }
    }
  }

  private static func appendLE(_ value: UInt64, bytes: Int, to out: inout [UInt8]) {
    var v = value
    for _ in 0..<bytes {
      out.append(UInt8(truncatingIfNeeded: v))
      v >>= 8
    }
  }
}
