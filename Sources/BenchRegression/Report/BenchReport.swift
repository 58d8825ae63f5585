import Support

/// A benchmark run as `lora-spec bench --save FILE` writes it (schema `lora-spec-bench/1`).
///
/// The JSON is shared with other tools (the peer script in `Scripts/peer-bench/` writes the same
/// schema; the regression comparison reads it). Keys are snake_case as shown in `CodingKeys`.
public struct BenchReport: Codable, Sendable, Equatable {
  /// The schema identifier written into every report.
  public static let currentSchema = "lora-spec-bench/1"

  /// Always `lora-spec-bench/1` for this version of the format.
  public var schema: String
  /// When the run started, ISO 8601 in UTC (for example `2026-11-30T05:12:00Z`).
  public var date: String
  /// The machine and build that produced the figures.
  public var fingerprint: BenchFingerprint
  /// One entry per measurement.
  public var results: [BenchResult]

  /// Creates a report with the current schema identifier unless one is given.
  public init(
    schema: String = BenchReport.currentSchema, date: String, fingerprint: BenchFingerprint,
    results: [BenchResult]
  ) {
    self.schema = schema
    self.date = date
    self.fingerprint = fingerprint
    self.results = results
  }
}

/// The machine and build a benchmark ran on. Fields a producer cannot know are empty strings or 0.
public struct BenchFingerprint: Codable, Sendable, Equatable {
  /// CPU model name (from `/proc/cpuinfo` on Linux).
  public var cpu: String
  /// Logical cores available to the process.
  public var cores: Int
  /// Operating system name and version.
  public var os: String
  /// Compiler or runtime version (Swift for lora-spec, Python/torch for the peer script).
  public var swift: String
  /// `debug` or `release` (the peer script writes `python`).
  public var configuration: String
  /// The git commit of the code measured, or an empty string when unknown.
  public var commit: String
  /// The host name.
  public var hostname: String
  /// The kernel set the measurements used (for example `avx2-fma` or `reference`; the peer's backend).
  public var kernelISA: String

  /// Creates a fingerprint.
  public init(
    cpu: String, cores: Int, os: String, swift: String, configuration: String, commit: String,
    hostname: String, kernelISA: String
  ) {
    self.cpu = cpu
    self.cores = cores
    self.os = os
    self.swift = swift
    self.configuration = configuration
    self.commit = commit
    self.hostname = hostname
    self.kernelISA = kernelISA
  }

  enum CodingKeys: String, CodingKey {
    case cpu, cores, os, swift, configuration, commit, hostname
    case kernelISA = "kernel_isa"
  }
}

/// One measurement: a kernel on one shape (or one model for `plan`), with its raw samples.
public struct BenchResult: Codable, Sendable, Equatable {
  /// What was measured (LoRABenchmarks names its kernels; the peer script adds its own). Any text.
  public var kernel: String
  /// Rows of the activations (tokens), where it applies.
  public var m: Int?
  /// Output features, where it applies.
  public var n: Int?
  /// Input features (the reduction length), where it applies.
  public var k: Int?
  /// LoRA rank, where it applies.
  public var r: Int?
  /// The model planned, for `plan` rows (for example `llama-3-70b`).
  public var model: String?
  /// Every timed sample, in milliseconds, in the order taken.
  public var samplesMs: [Double]
  /// The median of `samplesMs`.
  public var medianMs: Double
  /// Throughput at the median, in GFLOP/s, where flops are defined (not for `plan`).
  public var gflops: Double?
  /// A short note (for example "not installed" or "subsampled: 1 of 64 rows").
  public var note: String?

  /// Creates a result; `medianMs` defaults to the median of the samples.
  public init(
    kernel: String, m: Int? = nil, n: Int? = nil, k: Int? = nil, r: Int? = nil, model: String? = nil,
    samplesMs: [Double], medianMs: Double? = nil, gflops: Double? = nil, note: String? = nil
  ) {
    self.kernel = kernel
    self.m = m
    self.n = n
    self.k = k
    self.r = r
    self.model = model
    self.samplesMs = samplesMs
    self.medianMs = medianMs ?? Descriptive.median(samplesMs) ?? 0
    self.gflops = gflops
    self.note = note
  }

  enum CodingKeys: String, CodingKey {
    case kernel, m, n, k, r, model, gflops, note
    case samplesMs = "samples_ms"
    case medianMs = "median_ms"
  }
}
