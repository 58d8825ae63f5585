#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// Elementary functions on Float used by layers and training, computed in Double
/// with the C library. The one place in LoRANumerics that imports libm.
public enum MathFunctions {
  /// The error function.
  public static func erf(_ x: Float) -> Float { Float(libmErf(Double(x))) }
  /// The hyperbolic tangent.
  public static func tanh(_ x: Float) -> Float { Float(libmTanh(Double(x))) }
  /// e^x.
  public static func exp(_ x: Float) -> Float { Float(libmExp(Double(x))) }
  /// Natural logarithm.
  public static func log(_ x: Float) -> Float { Float(libmLog(Double(x))) }
}

@inline(__always) private func libmLog(_ x: Double) -> Double { log(x) }
@inline(__always) private func libmErf(_ x: Double) -> Double { erf(x) }
@inline(__always) private func libmTanh(_ x: Double) -> Double { tanh(x) }
@inline(__always) private func libmExp(_ x: Double) -> Double { exp(x) }
