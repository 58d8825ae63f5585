/// What a compared metric is: an absolute time (machine-bound) or a ratio of two kernels measured
/// in the same run (travels between machines).
public enum MetricKind: String, Sendable, Codable {
  /// Milliseconds of one kernel; compared only between runs with the same machine identity.
  case absoluteTime = "time"
  /// Time of one kernel over another on the same shape in the same run.
  case ratio
}

/// A ratio the comparison derives from each run: `numerator` time over `denominator` time.
public struct RatioDefinition: Sendable, Equatable, Codable {
  /// The kernel on top (`lora-fused`).
  public var numerator: String
  /// The kernel below (`gemm`). Matched on the same shape, or the same shape without rank.
  public var denominator: String

  /// A ratio definition.
  public init(numerator: String, denominator: String) {
    self.numerator = numerator
    self.denominator = denominator
  }

  /// `numerator/denominator`.
  public var name: String { "\(numerator)/\(denominator)" }

  /// The ratios `lora-spec bench` documents: accelerated over reference, ours over OpenBLAS,
  /// fused LoRA over the base GEMM, fused over unfused, fused over OpenBLAS doing the same LoRA,
  /// fused over PEFT's unmerged LoRA Linear (peer rows).
  public static let standard: [RatioDefinition] = [
    RatioDefinition(numerator: "gemm", denominator: "reference-gemm"),
    RatioDefinition(numerator: "gemm", denominator: "openblas-sgemm"),
    RatioDefinition(numerator: "gemm", denominator: "openblas-sgemv"),
    RatioDefinition(numerator: "lora-fused", denominator: "gemm"),
    RatioDefinition(numerator: "lora-fused", denominator: "lora-unfused"),
    RatioDefinition(numerator: "lora-fused", denominator: "openblas-lora"),
    RatioDefinition(numerator: "lora-fused", denominator: "peft-unmerged"),
  ]
}

/// Identifies a metric across runs: the benchmark (kernel or ratio, and shape) and the measure.
public struct MetricID: Sendable, Hashable, Codable, Comparable {
  /// `gemm m=16 n=4096 k=4096`, `lora-fused/gemm m=16 n=4096 k=4096 r=16`.
  public var benchmark: String
  /// `time` or `ratio`.
  public var kind: MetricKind

  /// An identifier.
  public init(benchmark: String, kind: MetricKind) {
    self.benchmark = benchmark
    self.kind = kind
  }

  /// Ordered by benchmark name, ratios after times.
  public static func < (lhs: MetricID, rhs: MetricID) -> Bool {
    lhs.benchmark == rhs.benchmark ? lhs.kind == .absoluteTime && rhs.kind == .ratio : lhs.benchmark < rhs.benchmark
  }
}

/// A metric's samples in one run.
public struct MetricSeries: Sendable, Equatable {
  /// Which metric.
  public var id: MetricID
  /// The kernel (absolute) or the ratio's numerator kernel.
  public var kernel: String
  /// The ratio's denominator kernel, for ratios.
  public var denominator: String?
  /// The shape measured.
  public var shape: BenchShape
  /// Smaller is better for times and time ratios.
  public var polarity: Polarity
  /// `ms` or `x`.
  public var unit: String
  /// The samples (milliseconds, or per-sample ratios).
  public var samples: [Double]
}

extension MeasuredRun {
  /// The metrics of this run: one absolute time per measurement, and one ratio per `ratios`
  /// definition whose two kernels were both measured on a shape.
  ///
  /// Ratio samples pair the i-th sample of the numerator with the i-th of the denominator (the
  /// bench interleaves them), over the shorter of the two sample lists.
  public func metrics(ratios: [RatioDefinition] = RatioDefinition.standard) -> [MetricSeries] {
    var series: [MetricSeries] = []
    for measurement in measurements where !measurement.samplesMs.isEmpty {
      series.append(
        MetricSeries(
          id: MetricID(benchmark: "\(measurement.kernel) \(measurement.shape.label)", kind: .absoluteTime),
          kernel: measurement.kernel, denominator: nil, shape: measurement.shape, polarity: .smallerIsBetter,
          unit: "ms", samples: measurement.samplesMs))
    }
    for ratio in ratios {
      for top in measurements where top.kernel == ratio.numerator {
        let bottom =
          measurements.first { $0.kernel == ratio.denominator && $0.shape == top.shape }
          ?? measurements.first { $0.kernel == ratio.denominator && $0.shape == top.shape.withoutRank }
        guard let bottom else { continue }
        let count = min(top.samplesMs.count, bottom.samplesMs.count)
        let samples = (0..<count).compactMap { i -> Double? in
          bottom.samplesMs[i] > 0 ? top.samplesMs[i] / bottom.samplesMs[i] : nil
        }
        guard !samples.isEmpty else { continue }
        series.append(
          MetricSeries(
            id: MetricID(benchmark: "\(ratio.name) \(top.shape.label)", kind: .ratio), kernel: ratio.numerator,
            denominator: ratio.denominator, shape: top.shape, polarity: .smallerIsBetter, unit: "x",
            samples: samples))
      }
    }
    return series.sorted { $0.id < $1.id }
  }
}
