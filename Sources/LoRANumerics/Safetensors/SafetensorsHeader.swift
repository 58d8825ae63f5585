import ConfigValues
import Foundation

/// One tensor entry of a safetensors header.
public struct SafetensorsTensorInfo: Hashable, Sendable {
  /// The tensor's key, e.g. `model.layers.0.self_attn.q_proj.weight`.
  public var name: String
  /// The element type.
  public var dtype: SafetensorsDType
  /// The shape, PyTorch order (`[]` for a scalar).
  public var shape: [Int]
  /// The byte range of the data, relative to the start of the data section
  /// (the byte after the header).
  public var dataOffsets: Range<Int>

  public init(name: String, dtype: SafetensorsDType, shape: [Int], dataOffsets: Range<Int>) {
    self.name = name
    self.dtype = dtype
    self.shape = shape
    self.dataOffsets = dataOffsets
  }

  /// Number of elements (1 for a scalar).
  public var elementCount: Int { shape.reduce(1, *) }
}

/// The header of a safetensors file: an 8-byte little-endian length N, then N bytes
/// of JSON mapping tensor names to `{dtype, shape, data_offsets}` plus an optional
/// `__metadata__` string map, then the tensor data.
///
/// Parsing validates what the reference implementation validates: the length limit,
/// UTF-8 JSON, known dtypes, offsets that tile the data section exactly (no gaps,
/// no overlaps) and agree with dtype × shape.
///
/// ```swift
/// let header = try SafetensorsHeader(contentsOf: url)   // reads the header only
/// for name in header.names { print(name, header.tensors[name]?.shape ?? []) }
/// ```
public struct SafetensorsHeader: Hashable, Sendable {
  /// Headers longer than this (100 MB, the reference implementation's limit) are rejected.
  public static let maximumHeaderLength = 100_000_000

  /// The file name used in error messages.
  public var source: String
  /// Tensor entries by name.
  public var tensors: [String: SafetensorsTensorInfo]
  /// Tensor names in data order (by offset).
  public var names: [String]
  /// The `__metadata__` map, if present (PyTorch writers put `{"format": "pt"}`).
  public var metadata: [String: String]?
  /// N: the length of the JSON header in bytes (including padding).
  public var headerLength: Int
  /// Length of the data section in bytes.
  public var dataLength: Int

  /// Byte position in the file where the data section starts (8 + N).
  public var dataStart: Int { 8 + headerLength }

  /// Reads and validates the header of a file without reading its tensor data.
  ///
  /// - Parameters:
  ///   - url: the `.safetensors` file.
  ///   - displayName: the name used in errors; the file's path by default.
  /// - Throws: `SafetensorsError` naming the file.
  public init(contentsOf url: URL, displayName: String? = nil) throws(SafetensorsError) {
    let source = displayName ?? url.path
    let handle: FileHandle
    do {
      handle = try FileHandle(forReadingFrom: url)
    } catch {
      throw SafetensorsError(.io, file: source, "cannot open the file (\(Self.reason(error))); check the path")
    }
    defer { try? handle.close() }
    let fileLength: Int
    let prefix: Data
    do {
      fileLength = Int(try handle.seekToEnd())
      try handle.seek(toOffset: 0)
      prefix = try handle.read(upToCount: 8) ?? Data()
    } catch {
      throw SafetensorsError(.io, file: source, "cannot read the file (\(Self.reason(error)))")
    }
    let n = try Self.headerLength(prefix: [UInt8](prefix), fileLength: fileLength, source: source)
    let json: Data
    do {
      json = try handle.read(upToCount: n) ?? Data()
    } catch {
      throw SafetensorsError(.io, file: source, "cannot read the header (\(Self.reason(error)))")
    }
    guard json.count == n else {
      throw SafetensorsError(.truncated, file: source, "the file ends inside its \(n)-byte header; it is truncated")
    }
    self = try Self.parse(json: [UInt8](json), headerLength: n, dataLength: fileLength - 8 - n, source: source)
  }

  /// Parses and validates the header of a complete safetensors file held in memory.
  ///
  /// - Parameters:
  ///   - bytes: the whole file.
  ///   - source: the name used in errors.
  public init(fileBytes bytes: Data, source: String) throws(SafetensorsError) {
    let all = [UInt8](bytes)
    let n = try Self.headerLength(prefix: Array(all.prefix(8)), fileLength: all.count, source: source)
    self = try Self.parse(json: Array(all[8..<(8 + n)]), headerLength: n, dataLength: all.count - 8 - n, source: source)
  }

  /// Decodes and checks the 8-byte length prefix against the file length.
  static func headerLength(prefix: [UInt8], fileLength: Int, source: String) throws(SafetensorsError) -> Int {
    guard prefix.count == 8, fileLength >= 8 else {
      throw SafetensorsError(
        .headerTooSmall, file: source,
        "the file is \(fileLength) bytes, too short for a safetensors header (8-byte length + JSON)")
    }
    var length: UInt64 = 0
    for (i, byte) in prefix.enumerated() { length |= UInt64(byte) << (8 * UInt64(i)) }
    guard length <= UInt64(maximumHeaderLength) else {
      throw SafetensorsError(
        .headerTooLarge, file: source,
        "the header claims \(length) bytes, over the \(maximumHeaderLength / 1_000_000) MB limit;"
          + " this is not a safetensors file or it is corrupt")
    }
    let n = Int(length)
    guard 8 + n <= fileLength else {
      throw SafetensorsError(
        .truncated, file: source,
        "the header claims \(n) bytes but the file has only \(fileLength - 8) after the length; it is truncated")
    }
    return n
  }

  /// Parses the JSON header and validates every entry against the data length.
  static func parse(json: [UInt8], headerLength: Int, dataLength: Int, source: String) throws(SafetensorsError)
    -> SafetensorsHeader
  {
    let root: ConfigValue
    do {
      root = try ConfigValue.parseJSON(json)
    } catch {
      throw SafetensorsError(.invalidJSON, file: source, "the header is not valid JSON (\(error))")
    }
    guard case .object(let members) = root else {
      throw SafetensorsError(
        .invalidJSON, file: source, "the header must be a JSON object, found \(root.jsonTypeDescription)")
    }
    var metadata: [String: String]?
    var infos: [SafetensorsTensorInfo] = []
    infos.reserveCapacity(members.count)
    for member in members {
      if member.key == "__metadata__" {
        metadata = try parseMetadata(member.value, source: source)
        continue
      }
      infos.append(try parseEntry(name: member.key, value: member.value, source: source))
    }
    infos.sort {
      ($0.dataOffsets.lowerBound, $0.dataOffsets.upperBound, $0.name) < (
        $1.dataOffsets.lowerBound, $1.dataOffsets.upperBound, $1.name
      )
    }
    var end = 0
    for info in infos {
      guard info.dataOffsets.lowerBound == end else {
        let problem =
          info.dataOffsets.lowerBound < end ? "overlaps the previous tensor" : "leaves a gap after byte \(end)"
        throw SafetensorsError(
          .invalidOffsets, file: source,
          "tensor \"\(info.name)\": data_offsets [\(info.dataOffsets.lowerBound), \(info.dataOffsets.upperBound)] \(problem)"
        )
      }
      end = info.dataOffsets.upperBound
    }
    guard end == dataLength else {
      let problem =
        end > dataLength
        ? "run past the end of the file (data section is \(dataLength) bytes, offsets reach \(end)); it is truncated"
        : "cover \(end) bytes but the data section is \(dataLength) bytes"
      throw SafetensorsError(.invalidOffsets, file: source, "the tensors' data_offsets \(problem)")
    }
    return SafetensorsHeader(
      source: source, tensors: Dictionary(infos.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }),
      names: infos.map(\.name), metadata: metadata, headerLength: headerLength, dataLength: dataLength)
  }

  private init(
    source: String, tensors: [String: SafetensorsTensorInfo], names: [String], metadata: [String: String]?,
    headerLength: Int, dataLength: Int
  ) {
    self.source = source
    self.tensors = tensors
    self.names = names
    self.metadata = metadata
    self.headerLength = headerLength
    self.dataLength = dataLength
  }

  private static func parseMetadata(_ value: ConfigValue, source: String) throws(SafetensorsError) -> [String: String] {
    guard case .object(let map) = value else {
      throw SafetensorsError(
        .invalidEntry, file: source, "__metadata__ must be an object of strings, found \(value.jsonTypeDescription)")
    }
    var result: [String: String] = [:]
    for entry in map {
      let (key, v) = (entry.key, entry.value)
      guard case .string(let s) = v else {
        throw SafetensorsError(
          .invalidEntry, file: source,
          "__metadata__ value for \"\(key)\" must be a string, found \(v.jsonTypeDescription)")
      }
      result[key] = s
    }
    return result
  }

  private static func parseEntry(name: String, value: ConfigValue, source: String) throws(SafetensorsError)
    -> SafetensorsTensorInfo
  {
    func bad(_ detail: String) -> SafetensorsError {
      SafetensorsError(.invalidEntry, file: source, "tensor \"\(name)\": \(detail)")
    }
    guard case .object(let fields) = value else { throw bad("expected an object, found \(value.jsonTypeDescription)") }
    guard let dtypeName = fields["dtype"]?.stringValue else { throw bad("missing or non-string \"dtype\"") }
    guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
      let known = SafetensorsDType.allCases.map(\.rawValue).joined(separator: ", ")
      throw bad("unknown dtype \"\(dtypeName)\" (known: \(known))")
    }
    guard let shapeValues = fields["shape"]?.arrayValue else { throw bad("missing or non-array \"shape\"") }
    var shape: [Int] = []
    var elements = 1
    for v in shapeValues {
      guard case .int(let d) = v, d >= 0 else { throw bad("shape entries must be non-negative integers") }
      shape.append(d)
      let (product, overflow) = elements.multipliedReportingOverflow(by: d)
      guard !overflow else { throw bad("shape \(shape) has too many elements") }
      elements = product
    }
    guard let offsets = fields["data_offsets"]?.arrayValue, offsets.count == 2,
      case .int(let begin) = offsets[0], case .int(let end) = offsets[1]
    else { throw bad("\"data_offsets\" must be two integers [begin, end]") }
    guard begin >= 0, end >= begin else {
      throw SafetensorsError(
        .invalidOffsets, file: source, "tensor \"\(name)\": data_offsets [\(begin), \(end)] are invalid")
    }
    let (bytes, overflow) = elements.multipliedReportingOverflow(by: dtype.byteSize)
    guard !overflow, bytes == end - begin else {
      throw SafetensorsError(
        .invalidOffsets, file: source,
        "tensor \"\(name)\": data_offsets [\(begin), \(end)] span \(end - begin) bytes but \(dtype.rawValue) \(shape)"
          + " needs \(overflow ? "too many" : String(bytes))")
    }
    return SafetensorsTensorInfo(name: name, dtype: dtype, shape: shape, dataOffsets: begin..<end)
  }

  static func reason(_ error: any Error) -> String {
    (error as NSError).localizedDescription
  }
}
