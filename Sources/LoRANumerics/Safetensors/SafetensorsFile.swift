import Foundation

/// A whole safetensors file in memory: its header and tensor data, with typed reads.
///
/// ```swift
/// let file = try SafetensorsFile(contentsOf: url)
/// let a = try file.floats(named: "base_model.model.q_proj.lora_A.weight")  // [Float], row-major
/// ```
public struct SafetensorsFile: Sendable {
  /// The validated header.
  public let header: SafetensorsHeader
  private let bytes: Data

  /// Tensor entries by name.
  public var tensors: [String: SafetensorsTensorInfo] { header.tensors }
  /// Tensor names in data order.
  public var names: [String] { header.names }
  /// The `__metadata__` map, if present.
  public var metadata: [String: String]? { header.metadata }

  /// Reads and validates a file.
  ///
  /// - Parameter displayName: the name used in errors; the file's path by default.
  /// - Throws: `SafetensorsError` naming the file.
  public init(contentsOf url: URL, displayName: String? = nil) throws(SafetensorsError) {
    let source = displayName ?? url.path
    let data: Data
    do {
      data = try Data(contentsOf: url, options: .mappedIfSafe)
    } catch {
      throw SafetensorsError(
        .io, file: source, "cannot read the file (\(SafetensorsHeader.reason(error))); check the path")
    }
    try self.init(bytes: data, source: source)
  }

  /// Validates a file held in memory.
  public init(bytes: Data, source: String) throws(SafetensorsError) {
    self.header = try SafetensorsHeader(fileBytes: bytes, source: source)
    self.bytes = bytes
  }

  /// The raw little-endian bytes of a tensor.
  public func rawBytes(named name: String) throws(SafetensorsError) -> Data {
    let info = try info(named: name)
    let start = bytes.startIndex + header.dataStart + info.dataOffsets.lowerBound
    return bytes.subdata(in: start..<(start + info.dataOffsets.count))
  }

  /// A tensor's elements as Float32, row-major. F16, BF16 and F64 are converted
  /// (F64 rounds to nearest); integer and BOOL tensors convert exactly where Float can.
  ///
  /// - Throws: `unknownTensor` for a missing name; `unsupportedDType` for 8-bit floats.
  public func floats(named name: String) throws(SafetensorsError) -> [Float] {
    let info = try info(named: name)
    let count = info.elementCount
    let offset = header.dataStart + info.dataOffsets.lowerBound
    let dtype = info.dtype
    if dtype == .f8E4M3 || dtype == .f8E5M2 {
      throw SafetensorsError(
        .unsupportedDType, file: header.source,
        "tensor \"\(name)\" is \(dtype.rawValue); convert it to F32, F16 or BF16")
    }
    return bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Float] in
      let base = raw.baseAddress.map { UnsafeRawPointer($0) + offset }
      guard let base else { return [] }
      return (0..<count).map { i in Self.element(at: i, of: dtype, base: base) }
    }
  }

  /// The tensor's header entry.
  public func info(named name: String) throws(SafetensorsError) -> SafetensorsTensorInfo {
    guard let info = header.tensors[name] else {
      throw SafetensorsError(.unknownTensor, file: header.source, "no tensor named \"\(name)\"")
    }
    return info
  }

  private static func element(at i: Int, of dtype: SafetensorsDType, base: UnsafeRawPointer) -> Float {
    switch dtype {
    case .f32: Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
    case .f16:
      HalfPrecision.float(fromHalf: UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
    case .bf16:
      HalfPrecision.float(
        fromBFloat16: UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
    case .f64:
      Float(Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))))
    case .i64: Float(Int64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self)))
    case .u64: Float(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
    case .i32: Float(Int32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
    case .u32: Float(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
    case .i16: Float(Int16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self)))
    case .u16: Float(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)))
    case .i8: Float(base.load(fromByteOffset: i, as: Int8.self))
    case .u8: Float(base.load(fromByteOffset: i, as: UInt8.self))
    case .bool: base.load(fromByteOffset: i, as: UInt8.self) != 0 ? 1 : 0
    case .f8E4M3, .f8E5M2: .nan
    }
  }
}
