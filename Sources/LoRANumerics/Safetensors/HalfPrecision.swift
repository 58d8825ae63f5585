/// Bit-exact conversions between Float32 and the 16-bit formats safetensors stores,
/// matching PyTorch (round to nearest, ties to even).
enum HalfPrecision {
  /// IEEE binary16 bits to Float (exact).
  static func float(fromHalf h: UInt16) -> Float {
    let sign: UInt32 = UInt32(h & 0x8000) << 16
    let exponent = UInt32(h >> 10) & 0x1F
    let mantissa = UInt32(h & 0x3FF)
    if exponent == 0 {
      let magnitude = Float(mantissa) * 0x1p-24
      return sign != 0 ? -magnitude : magnitude
    }
    if exponent == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }
    return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
  }

  /// Float to IEEE binary16 bits, rounding to nearest even; overflow gives infinity.
  static func halfBits(from value: Float) -> UInt16 {
    let bits = value.bitPattern
    let sign = UInt16(truncatingIfNeeded: (bits >> 16) & 0x8000)
    let magnitude = bits & 0x7FFF_FFFF
    if magnitude >= 0x7F80_0000 {
      if magnitude == 0x7F80_0000 { return sign | 0x7C00 }
      return sign | 0x7E00 | UInt16(truncatingIfNeeded: (magnitude >> 13) & 0x3FF)
    }
    if magnitude >= 0x477F_F000 { return sign | 0x7C00 }  // >= 65520 rounds to infinity
    if magnitude < 0x3880_0000 {  // below 2^-14: a half subnormal (or zero)
      let scaled = (Float(bitPattern: magnitude) * 0x1p24).rounded(.toNearestOrEven)
      return sign | UInt16(scaled)
    }
    let exponent = (magnitude >> 23) - 112
    var half = (exponent << 10) | ((magnitude >> 13) & 0x3FF)
    let remainder = magnitude & 0x1FFF
    if remainder > 0x1000 || (remainder == 0x1000 && half & 1 == 1) { half += 1 }
    return sign | UInt16(truncatingIfNeeded: half)
  }

  /// bfloat16 bits to Float (exact).
  static func float(fromBFloat16 b: UInt16) -> Float { Float(bitPattern: UInt32(b) << 16) }

  /// Float to bfloat16 bits as PyTorch rounds: nearest even, NaN becomes 0x7FC0.
  static func bfloat16Bits(from value: Float) -> UInt16 {
    if value.isNaN { return 0x7FC0 }
    let bits = value.bitPattern
    let rounded = bits &+ 0x7FFF &+ ((bits >> 16) & 1)
    return UInt16(truncatingIfNeeded: rounded >> 16)
  }
}
