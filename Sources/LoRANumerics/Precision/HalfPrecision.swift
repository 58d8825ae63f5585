/// Conversions between Float32 and the 16-bit formats safetensors files use, done on
/// bit patterns so they behave the same on every platform (no `Float16` type needed).
public enum HalfPrecision {
  /// IEEE 754 binary16 bits to Float (exact: every half value is a Float).
  public static func float(fromHalfBits h: UInt16) -> Float {
    let sign = UInt32(h & 0x8000) << 16
    let exponent = Int((h >> 10) & 0x1F)
    let mantissa = UInt32(h & 0x03FF)
    if exponent == 0 {
      // Zero or subnormal: mantissa · 2^-24.
      let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
      return sign != 0 ? -magnitude : magnitude
    }
    if exponent == 0x1F {
      return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
    }
    return Float(bitPattern: sign | (UInt32(exponent + 112) << 23) | (mantissa << 13))
  }

  /// Float to binary16 bits, rounding to nearest even; overflow gives infinity, NaN stays NaN.
  public static func halfBits(from value: Float) -> UInt16 {
    let bits = value.bitPattern
    let sign = UInt16((bits >> 16) & 0x8000)
    let exponent = Int((bits >> 23) & 0xFF)
    let mantissa = bits & 0x007F_FFFF
    if exponent == 0xFF {
      return sign | 0x7C00 | (mantissa != 0 ? 0x0200 : 0)
    }
    let e = exponent - 127 + 15
    if e >= 0x1F { return sign | 0x7C00 }
    if e <= 0 {
      // Subnormal half (or zero): shift the full significand into place with rounding.
      if e < -10 { return sign }
      let full = mantissa | 0x0080_0000
      let shift = UInt32(14 - e)
      var half = full >> shift
      let remainder = full & ((1 << shift) - 1)
      let halfway = UInt32(1) << (shift - 1)
      if remainder > halfway || (remainder == halfway && (half & 1) == 1) { half += 1 }
      return sign | UInt16(half)
    }
    var half = UInt32(e) << 10 | (mantissa >> 13)
    let remainder = mantissa & 0x1FFF
    if remainder > 0x1000 || (remainder == 0x1000 && (half & 1) == 1) { half += 1 }  // may carry into infinity: correct
    return sign | UInt16(half)
  }

  /// bfloat16 bits to Float (exact: the upper half of a Float).
  public static func float(fromBFloat16Bits b: UInt16) -> Float {
    Float(bitPattern: UInt32(b) << 16)
  }

  /// Float to bfloat16 bits, rounding to nearest even; NaN stays a quiet NaN.
  public static func bfloat16Bits(from value: Float) -> UInt16 {
    let bits = value.bitPattern
    if value.isNaN { return UInt16(bits >> 16) | 0x0040 }
    let rounding = UInt32(0x7FFF) + ((bits >> 16) & 1)
    return UInt16((bits &+ rounding) >> 16)
  }

  /// Decodes little-endian F16 bytes into Floats; the byte count must be even.
  public static func floats(fromLittleEndianHalf bytes: some Collection<UInt8>) -> [Float]? {
    decode(bytes, float(fromHalfBits:))
  }

  /// Decodes little-endian BF16 bytes into Floats; the byte count must be even.
  public static func floats(fromLittleEndianBFloat16 bytes: some Collection<UInt8>) -> [Float]? {
    decode(bytes, float(fromBFloat16Bits:))
  }

  private static func decode(_ bytes: some Collection<UInt8>, _ convert: (UInt16) -> Float) -> [Float]? {
    guard bytes.count % 2 == 0 else { return nil }
    var out: [Float] = []
    out.reserveCapacity(bytes.count / 2)
    var iterator = bytes.makeIterator()
    while let lo = iterator.next(), let hi = iterator.next() {
      out.append(convert(UInt16(lo) | UInt16(hi) << 8))
    }
    return out
  }
}
