/// What a `bench` block asks to have measured: two kernels on one shape, side by side.
public struct BenchRequest: Sendable, Hashable {
  /// The kernel under test (a `BenchKernel` name such as `lora-fused`).
  public var kernel: String
  /// The kernel it is compared with; `nil` when only the kernel's own throughput is claimed.
  public var baseline: String?
  /// The shape: activations `[m, k]`, weight `[n, k]`, LoRA rank `r`.
  public var shape: BenchShape
  /// Samples to take of each kernel.
  public var samples: Int
  /// 1 for the first measurement, 2 for the re-measurement that confirms a flagged violation.
  public var attempt: Int

  /// Creates a request.
  public init(kernel: String, baseline: String?, shape: BenchShape, samples: Int, attempt: Int = 1) {
    self.kernel = kernel
    self.baseline = baseline
    self.shape = shape
    self.samples = samples
    self.attempt = attempt
  }
}

/// The shape of a `bench` block: `C[m, n] = X[m, k] · W[n, k]ᵀ` plus a rank-`r` adapter.
public struct BenchShape: Sendable, Hashable, CustomStringConvertible {
  public var m: Int
  public var n: Int
  public var k: Int
  public var r: Int

  /// Creates a shape.
  public init(m: Int, n: Int, k: Int, r: Int) {
    self.m = m
    self.n = n
    self.k = k
    self.r = r
  }

  /// `m=128 n=1024 k=1024 r=16`.
  public var description: String { "m=\(m) n=\(n) k=\(k) r=\(r)" }
}

/// Raw per-call times of one measurement, in milliseconds, taken interleaved.
public struct BenchSamples: Sendable, Hashable {
  /// The kernel's times.
  public var kernelMs: [Double]
  /// The baseline kernel's times (empty without a baseline).
  public var baselineMs: [Double]

  /// Creates samples.
  public init(kernelMs: [Double], baselineMs: [Double]) {
    self.kernelMs = kernelMs
    self.baselineMs = baselineMs
  }
}

/// A kernel that cannot be measured on this machine (OpenBLAS not installed): the block
/// passes with a warning instead of failing.
public struct BenchUnavailable: Error, Sendable, Hashable {
  /// Why, and what to install.
  public var reason: String

  /// Creates the error.
  public init(_ reason: String) { self.reason = reason }
}

/// Takes the samples of a `bench` block. `KernelSampler` times the real kernels; tests inject
/// fixed timings to check the verdict logic.
public protocol BenchSampler: Sendable {
  /// Measures `request.kernel` and `request.baseline` interleaved (warm-up first, then
  /// `request.samples` of each, alternating). Throws `BenchUnavailable` for a kernel this
  /// machine lacks.
  func measure(_ request: BenchRequest) throws -> BenchSamples
}
