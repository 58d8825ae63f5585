import BenchRegression
import LoRABenchmarks

/// The kernels a `bench` block can name, and the work each does per call.
enum BenchKernelName {
  /// The names accepted, in the order error messages list them.
  static let supported: [BenchKernel] = [
    .gemm, .referenceGemm, .loraFused, .loraUnfused, .merged, .openblasSgemm, .openblasLoRA,
  ]

  static var names: [String] { supported.map(\.rawValue) }

  /// The kernel named `name`, when supported.
  static func kernel(_ name: String) -> BenchKernel? {
    supported.first { $0.rawValue == name }
  }

  /// Whether the kernel computes a LoRA product (so the rank matters).
  static func usesAdapter(_ kernel: BenchKernel) -> Bool {
    [.loraFused, .loraUnfused, .openblasLoRA, .merged].contains(kernel)
  }

  /// Floating-point operations of one call on `shape` (the merged kernel does the base
  /// GEMM's work; LoRA adds `x·Aᵀ` and `T·Bᵀ`).
  static func flops(_ kernel: BenchKernel, _ shape: BenchShape) -> Double {
    let (m, n, k, r) = (Double(shape.m), Double(shape.n), Double(shape.k), Double(shape.r))
    let base = 2 * m * n * k
    switch kernel {
    case .loraFused, .loraUnfused, .openblasLoRA: return base + 2 * m * r * (n + k)
    default: return base
    }
  }
}
