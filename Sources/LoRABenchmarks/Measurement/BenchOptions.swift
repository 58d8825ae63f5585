/// What `lora-spec bench` measures.
public struct BenchOptions: Sendable {
  /// Token counts (rows of the activations).
  public var tokenCounts: [Int]
  /// `d_in = d_out`.
  public var features: Int
  /// LoRA ranks.
  public var ranks: [Int]
  /// The rank of the `merged` row.
  public var mergedRank: Int
  /// Samples per kernel and shape.
  public var samples: Int
  /// Samples of the (slow, subsampled) reference GEMM.
  public var referenceSamples: Int
  /// Each sample lasts at least this long (calls are repeated and averaged).
  public var minimumSampleMs: Double
  /// Multiply-adds the reference GEMM is allowed per sample (it runs on a subset of output
  /// columns and is extrapolated).
  public var referenceWork: Int
  /// LoRA scaling used by the LoRA rows (`lora_alpha / r`; any value costs the same).
  public var scale: Float

  /// The full run: M in {1, 16, 128, 512}, d = 4096, r in {8, 16, 64}.
  public static let full = BenchOptions(
    tokenCounts: [1, 16, 128, 512], features: 4096, ranks: [8, 16, 64], mergedRank: 16, samples: 9,
    referenceSamples: 3, minimumSampleMs: 20, referenceWork: 1 << 25, scale: 2)

  /// A run under a minute: same shapes, fewer samples, shorter samples.
  public static let quick = BenchOptions(
    tokenCounts: [1, 16, 128, 512], features: 4096, ranks: [8, 16, 64], mergedRank: 16, samples: 3,
    referenceSamples: 1, minimumSampleMs: 5, referenceWork: 1 << 23, scale: 2)

  /// Creates options.
  public init(
    tokenCounts: [Int], features: Int, ranks: [Int], mergedRank: Int, samples: Int, referenceSamples: Int,
    minimumSampleMs: Double, referenceWork: Int, scale: Float
  ) {
    self.tokenCounts = tokenCounts
    self.features = features
    self.ranks = ranks
    self.mergedRank = mergedRank
    self.samples = samples
    self.referenceSamples = referenceSamples
    self.minimumSampleMs = minimumSampleMs
    self.referenceWork = referenceWork
    self.scale = scale
  }
}

/// A planning workload for the `plan` rows: plans LoRA injection into a named model tree.
///
/// The injection engine provides these (see `BenchCommand`); the bench only times `run`.
public struct PlanWorkload {
  /// The model name written into the report (for example `llama-3-70b`).
  public let model: String
  /// Builds nothing: plans once (the tree is built before timing starts).
  public let run: () throws -> Void

  /// Creates a workload.
  public init(model: String, run: @escaping () throws -> Void) {
    self.model = model
    self.run = run
  }
}
