#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A reproducible random number generator (SplitMix64), identical on every machine.
///
/// Weights are keyed by parameter name: `SeededGenerator(seed: 0, key: "lin0.lora_A.default.weight")`
/// always yields the same stream, independent of the order in which other parameters
/// are initialised. Swift's `Hasher` is never used (it is randomly seeded per process);
/// keys are hashed with 64-bit FNV-1a.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator for a raw 64-bit seed.
  public init(seed: UInt64) {
    state = seed
  }

  /// A generator for a global seed and a key (usually a parameter's full name).
  public init(seed: UInt64, key: String) {
    state = SeededGenerator.mix(seed ^ SeededGenerator.fnv1a(key))
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SeededGenerator.mix(state)
  }

  /// A Float uniformly distributed in [0, 1), with 24 random bits.
  public mutating func nextUnitFloat() -> Float {
    Float(next() >> 40) * (1.0 / 16_777_216.0)
  }

  /// A Double uniformly distributed in [0, 1), with 53 random bits.
  public mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
  }

  /// A Float uniformly distributed in [low, high).
  public mutating func nextUniform(_ low: Float, _ high: Float) -> Float {
    low + (high - low) * nextUnitFloat()
  }

  /// A normally distributed Float (Box-Muller, computed in Double).
  public mutating func nextNormal(mean: Float = 0, std: Float = 1) -> Float {
    let u1 = 1.0 - nextUnitDouble()  // (0, 1]: log is finite
    let u2 = nextUnitDouble()
    let z = (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    return mean + std * Float(z)
  }

  /// A uniformly distributed integer in `0..<bound` (bound > 0), without modulo bias.
  public mutating func nextIndex(below bound: Int) -> Int {
    guard bound > 1 else { return 0 }
    return Int(next(upperBound: UInt64(bound)))
  }

  /// 64-bit FNV-1a of the UTF-8 bytes of `text`.
  public static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
  }

  /// SplitMix64's output function.
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
