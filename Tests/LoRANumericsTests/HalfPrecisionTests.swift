import Testing

@testable import LoRANumerics

@Suite struct HalfPrecisionTests {
  @Test func halfBitsDecodeKnownValues() {
    #expect(HalfPrecision.float(fromHalfBits: 0x3C00) == 1)
    #expect(HalfPrecision.float(fromHalfBits: 0xC000) == -2)
    #expect(HalfPrecision.float(fromHalfBits: 0x7BFF) == 65504)
    #expect(HalfPrecision.float(fromHalfBits: 0x0001) == Float(sign: .plus, exponent: -24, significand: 1))
    #expect(HalfPrecision.float(fromHalfBits: 0x7C00) == .infinity)
    #expect(HalfPrecision.float(fromHalfBits: 0x7E00).isNaN)
  }

  @Test func everyHalfRoundTripsThroughFloat() {
    var failures = 0
    for bits in UInt16.min...UInt16.max {
      let f = HalfPrecision.float(fromHalfBits: bits)
      if f.isNaN { continue }
      if HalfPrecision.halfBits(from: f) != bits { failures += 1 }
    }
    #expect(failures == 0)
  }

  @Test func halfRoundsToNearestEven() {
    // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to even (1).
    #expect(HalfPrecision.halfBits(from: 1 + Float(sign: .plus, exponent: -11, significand: 1)) == 0x3C00)
    #expect(HalfPrecision.halfBits(from: 70000) == 0x7C00)
  }

  @Test func bfloat16DecodesAndRounds() {
    #expect(HalfPrecision.float(fromBFloat16Bits: 0x3F80) == 1)
    #expect(HalfPrecision.bfloat16Bits(from: 1) == 0x3F80)
    #expect(HalfPrecision.bfloat16Bits(from: -2.5) == 0xC020)
    #expect(HalfPrecision.float(fromBFloat16Bits: HalfPrecision.bfloat16Bits(from: .nan)).isNaN)
  }

  @Test func littleEndianBytesDecode() {
    #expect(HalfPrecision.floats(fromLittleEndianHalf: [0x00, 0x3C, 0x00, 0xC0]) == [1, -2])
    #expect(HalfPrecision.floats(fromLittleEndianBFloat16: [0x80, 0x3F]) == [1])
    #expect(HalfPrecision.floats(fromLittleEndianHalf: [0x00]) == nil)
  }
}
