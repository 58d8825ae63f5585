import BenchRegression
import LoRA
import LoRABenchmarks
import RunResults
import SpecFormat
import SpecRunner
import Support

/// A parsed `bench` block: two kernels on a shape and the claim about them.
///
/// ```bench
/// kernel: lora-fused      # the kernel under test
/// baseline: gemm          # the kernel it is compared with
/// m: 128                  # tokens (rows of the activations)
/// n: 1024                 # output features
/// k: 1024                 # input features
/// r: 16                   # LoRA rank (default 16)
/// max_ratio: 1.15         # claim: median(kernel) / median(baseline) <= 1.15
/// ```
///
/// Or `min_ratio` (the kernel takes at least that share of the baseline's time; both may be
/// given), or `metric: gflops` with `min_gflops` (the kernel's own throughput; `baseline`
/// optional). Statistics, each with its default: `samples` 15 per kernel, `alpha` 0.01
/// (significance of the Mann–Whitney U test), `noise` 5% (how far beyond the threshold the
/// whole interval must lie before a violation counts), `confidence` 95% (bootstrap interval).
struct BenchSpec: Sendable, Equatable {
  /// What the block claims.
  enum Metric: String, Sendable, Equatable {
    /// Ratio of median times, kernel over baseline.
    case ratio
    /// The kernel's GFLOP/s, from its median time.
    case gflops
  }

  var kernel: BenchKernel
  var baseline: BenchKernel?
  var shape: BenchShape
  var metric: Metric
  var maxRatio: Double?
  var minRatio: Double?
  var minGflops: Double?
  var samples: Int
  var policy: RegressionPolicy

  /// Samples per kernel when the block does not say.
  static let defaultSamples = 15
  /// The policy when the block does not say: alpha 0.01, noise 5 %, 95 % interval.
  static let defaultPolicy = RegressionPolicy(alpha: 0.01, noiseThreshold: 0.05, confidence: 0.95)
  /// The rank when the block does not say.
  static let defaultRank = 16
  /// The largest operands a spec benchmark may allocate (floats over all buffers: 1 GiB).
  static let maximumFloats = 1 << 28

  static let fields = [
    "kernel", "baseline", "m", "n", "k", "r", "metric", "max_ratio", "min_ratio", "min_gflops", "samples",
    "alpha", "noise", "confidence",
  ]

  init(_ block: SpecBlock) throws {
    let fields = try SpecFields(block)
    if fields.entries.isEmpty {
      throw SpecError(
        "the bench block is empty: give kernel, baseline, m, n, k and max_ratio (or min_ratio, or metric: gflops "
          + "with min_gflops)", at: block.location)
    }
    try fields.rejectUnknown(Self.fields)

    kernel = try Self.kernel("kernel", fields, required: true) ?? .gemm
    baseline = try Self.kernel("baseline", fields, required: false)

    func dimension(_ key: String, default value: Int? = nil) throws -> Int {
      guard let number = try fields.int(key) ?? value else {
        throw SpecError("the bench block needs '\(key)' (a positive whole number)", at: block.location)
      }
      guard number > 0, number <= 65_536 else {
        throw SpecError(
          "bad shape: '\(key)' is \(number); it must be from 1 to 65536", at: fields.location(of: fields[key]))
      }
      return number
    }
    shape = BenchShape(
      m: try dimension("m"), n: try dimension("n"), k: try dimension("k"),
      r: try dimension("r", default: Self.defaultRank))
    if shape.r > min(shape.n, shape.k) {
      throw SpecError(
        "bad shape: rank r = \(shape.r) exceeds min(n, k) = \(min(shape.n, shape.k))",
        at: fields.location(of: fields["r"]))
    }
    let floats =
      shape.m * shape.k + 3 * shape.n * shape.k + shape.m * shape.n * 2 + shape.r * (shape.n + shape.k + shape.m)
    if floats > Self.maximumFloats {
      throw SpecError(
        "bad shape: \(shape) needs \(floats / (1 << 18)) MiB of operands; a spec benchmark may use up to "
          + "\(Self.maximumFloats / (1 << 18)) MiB", at: block.location)
    }

    let metricText = try fields.string("metric") ?? Metric.ratio.rawValue
    guard let metric = Metric(rawValue: metricText) else {
      throw SpecError(
        "unknown metric '\(metricText)'; use ratio (the default) or gflops", at: fields.location(of: fields["metric"]))
    }
    self.metric = metric
    maxRatio = try Self.positive("max_ratio", fields)
    minRatio = try Self.positive("min_ratio", fields)
    minGflops = try Self.positive("min_gflops", fields)
    switch metric {
    case .ratio:
      guard baseline != nil else {
        throw SpecError("a ratio needs a 'baseline' kernel to divide by", at: block.location)
      }
      guard maxRatio != nil || minRatio != nil else {
        throw SpecError("the bench block states no claim: give max_ratio and/or min_ratio", at: block.location)
      }
      if minGflops != nil {
        throw SpecError(
          "min_gflops belongs to 'metric: gflops'; write a second bench block for it",
          at: fields.location(of: fields["min_gflops"]))
      }
      if let low = minRatio, let high = maxRatio, low >= high {
        throw SpecError(
          "min_ratio \(low) must be below max_ratio \(high)", at: fields.location(of: fields["min_ratio"]))
      }
    case .gflops:
      guard minGflops != nil else {
        throw SpecError("'metric: gflops' needs min_gflops", at: block.location)
      }
      if let key = ["max_ratio", "min_ratio"].first(where: { fields[$0] != nil }) {
        throw SpecError(
          "\(key) belongs to 'metric: ratio'; write a second bench block for it", at: fields.location(of: fields[key]))
      }
    }

    let samples = try fields.int("samples") ?? Self.defaultSamples
    guard samples >= 5, samples <= 1000 else {
      throw SpecError(
        "samples is \(samples); use 5 to 1000 (the rank test needs 5 a side to reach alpha 0.01)",
        at: fields.location(of: fields["samples"]))
    }
    self.samples = samples
    var settings: [String: String] = [:]
    for (key, setting) in [("alpha", "alpha"), ("noise", "threshold"), ("confidence", "confidence")] {
      guard let entry = fields[key] else { continue }
      switch entry.value {
      case .int(let value): settings[setting] = String(value)
      case .double(let value): settings[setting] = String(value)
      case .string(let value): settings[setting] = value
      default: throw SpecError("'\(key)' must be a number such as 0.05 or 5%", at: fields.location(of: entry))
      }
    }
    do {
      policy = try Self.defaultPolicy.applying(settings: settings)
    } catch {
      let key = [("alpha", "alpha"), ("noise", "threshold"), ("confidence", "confidence")].first { $0.1 == error.key }
      let name = key?.0 ?? error.key
      throw SpecError(
        "\(name): '\(error.value)' is not valid; expected \(error.expected)", at: fields.location(of: fields[name]))
    }
  }

  /// The request for attempt `attempt`.
  func request(attempt: Int) -> BenchRequest {
    BenchRequest(
      kernel: kernel.rawValue, baseline: baseline?.rawValue, shape: shape, samples: samples, attempt: attempt)
  }

  private static func kernel(_ key: String, _ fields: SpecFields, required: Bool) throws -> BenchKernel? {
    guard let name = try fields.string(key) else {
      if required {
        throw SpecError(
          "the bench block needs '\(key)' (one of \(BenchKernelName.names.joined(separator: ", ")))",
          at: fields.block.location)
      }
      return nil
    }
    guard let kernel = BenchKernelName.kernel(name) else {
      var message = "unknown kernel '\(name)' in '\(key)'"
      message += ClosestName.hint(name, among: BenchKernelName.names)
      message += " (kernels: \(BenchKernelName.names.joined(separator: ", ")))"
      throw SpecError(message, at: fields.location(of: fields[key]))
    }
    return kernel
  }

  private static func positive(_ key: String, _ fields: SpecFields) throws -> Double? {
    guard let value = try fields.double(key) else { return nil }
    guard value > 0, value.isFinite else {
      throw SpecError("'\(key)' must be a positive number, got \(value)", at: fields.location(of: fields[key]))
    }
    return value
  }
}
