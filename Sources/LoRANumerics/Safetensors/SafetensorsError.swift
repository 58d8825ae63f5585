/// Why a safetensors file could not be read or written. The description names the
/// file and says what to do.
public struct SafetensorsError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The category of the problem, for tests and callers that branch on it.
  public enum Kind: Hashable, Sendable {
    /// The file could not be opened, read or written.
    case io
    /// Fewer than the 8 bytes of the header length.
    case headerTooSmall
    /// The declared header length exceeds `SafetensorsHeader.maximumHeaderLength`.
    case headerTooLarge
    /// The file ends before the header or the tensor data it declares.
    case truncated
    /// The header is not valid UTF-8 JSON.
    case invalidJSON
    /// A header entry is malformed (unknown dtype, bad shape, missing field...).
    case invalidEntry
    /// Data offsets overlap, leave gaps, run past the end or disagree with dtype and shape.
    case invalidOffsets
    /// No tensor of that name.
    case unknownTensor
    /// The tensor's dtype cannot be converted as asked.
    case unsupportedDType
    /// Invalid tensors handed to the writer.
    case invalidInput
  }

  /// The category.
  public var kind: Kind
  /// The file (path or display name) the problem is in.
  public var file: String
  /// What is wrong and, where useful, what to do.
  public var detail: String

  public init(_ kind: Kind, file: String, _ detail: String) {
    self.kind = kind
    self.file = file
    self.detail = detail
  }

  public var description: String { "\(file): \(detail)" }
}
