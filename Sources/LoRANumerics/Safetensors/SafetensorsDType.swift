/// The element types a safetensors header can name (`"dtype"`), as spelt in the format.
public enum SafetensorsDType: String, CaseIterable, Hashable, Sendable {
  case bool = "BOOL"
  case u8 = "U8"
  case i8 = "I8"
  case f8E5M2 = "F8_E5M2"
  case f8E4M3 = "F8_E4M3"
  case i16 = "I16"
  case u16 = "U16"
  case f16 = "F16"
  case bf16 = "BF16"
  case i32 = "I32"
  case u32 = "U32"
  case f32 = "F32"
  case f64 = "F64"
  case i64 = "I64"
  case u64 = "U64"

  /// Bytes per element.
  public var byteSize: Int {
    switch self {
    case .bool, .u8, .i8, .f8E5M2, .f8E4M3: 1
    case .i16, .u16, .f16, .bf16: 2
    case .i32, .u32, .f32: 4
    case .f64, .i64, .u64: 8
    }
  }

  /// Position in the reference implementation's `Dtype` enum. Its writer lays
  /// tensors out by this rank, largest first, then by name.
  var referenceRank: Int {
    switch self {
    case .bool: 0
    case .u8: 1
    case .i8: 2
    case .f8E5M2: 3
    case .f8E4M3: 4
    case .i16: 5
    case .u16: 6
    case .f16: 7
    case .bf16: 8
    case .i32: 9
    case .u32: 10
    case .f32: 11
    case .f64: 12
    case .i64: 13
    case .u64: 14
    }
  }
}
