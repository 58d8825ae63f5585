/// One benchmark run as the regression comparison sees it: the machine, the commit and every
/// measurement with its raw samples. Built from a `lora-spec-bench/1` report.
public struct MeasuredRun: Sendable, Equatable {
  /// When the run started (ISO 8601).
  public var date: String
  /// The machine and build, without the commit.
  public var machine: MachineIdentity
  /// The git commit measured, or empty.
  public var commit: String
  /// Every measurement.
  public var measurements: [Measurement]

  /// A run.
  public init(date: String, machine: MachineIdentity, commit: String, measurements: [Measurement]) {
    self.date = date
    self.machine = machine
    self.commit = commit
    self.measurements = measurements
  }
}

/// The parts of a fingerprint that decide whether absolute times are comparable. The host name
/// is kept for display but not compared (CI runners of one kind have different host names).
public struct MachineIdentity: Sendable, Equatable, Codable {
  /// CPU model.
  public var cpu: String
  /// Logical cores.
  public var cores: Int
  /// Operating system.
  public var os: String
  /// Compiler version.
  public var swift: String
  /// Build configuration (`debug`, `release`).
  public var configuration: String
  /// Instruction set used by the kernels.
  public var kernelISA: String
  /// Host name (not compared).
  public var hostname: String

  /// An identity.
  public init(
    cpu: String, cores: Int, os: String, swift: String, configuration: String, kernelISA: String, hostname: String
  ) {
    self.cpu = cpu
    self.cores = cores
    self.os = os
    self.swift = swift
    self.configuration = configuration
    self.kernelISA = kernelISA
    self.hostname = hostname
  }

  /// True when absolute times from both machines may be compared: every field but the host name matches.
  public func isComparable(with other: MachineIdentity) -> Bool {
    cpu == other.cpu && cores == other.cores && os == other.os && swift == other.swift
      && configuration == other.configuration && kernelISA == other.kernelISA
  }

  /// The fields that differ from `other`, by name (for the "not comparable" explanation).
  public func differences(from other: MachineIdentity) -> [String] {
    var names: [String] = []
    if cpu != other.cpu { names.append("cpu") }
    if cores != other.cores { names.append("cores") }
    if os != other.os { names.append("os") }
    if swift != other.swift { names.append("swift") }
    if configuration != other.configuration { names.append("configuration") }
    if kernelISA != other.kernelISA { names.append("kernel_isa") }
    return names
  }
}

/// A kernel measured on one shape, with its raw samples in milliseconds.
public struct Measurement: Sendable, Equatable {
  /// Kernel name as the bench writes it (`gemm`, `lora-fused`, ...).
  public var kernel: String
  /// The shape (or model) measured.
  public var shape: BenchShape
  /// Raw samples in milliseconds, in the order taken.
  public var samplesMs: [Double]

  /// A measurement.
  public init(kernel: String, shape: BenchShape, samplesMs: [Double]) {
    self.kernel = kernel
    self.shape = shape
    self.samplesMs = samplesMs
  }
}

/// The problem size of a measurement: GEMM dimensions and LoRA rank where they apply, or a model name.
public struct BenchShape: Sendable, Hashable, Comparable, Codable {
  /// Tokens.
  public var m: Int?
  /// Output features.
  public var n: Int?
  /// Input features.
  public var k: Int?
  /// LoRA rank.
  public var r: Int?
  /// Model name (planning benchmarks).
  public var model: String?

  /// A shape; every field is optional.
  public init(m: Int? = nil, n: Int? = nil, k: Int? = nil, r: Int? = nil, model: String? = nil) {
    self.m = m
    self.n = n
    self.k = k
    self.r = r
    self.model = model
  }

  /// The same shape without the rank (the base GEMM a LoRA kernel is compared with).
  public var withoutRank: BenchShape { BenchShape(m: m, n: n, k: k, r: nil, model: model) }

  /// `m=16 n=4096 k=4096 r=16`, or the model name; fields that are absent are left out.
  public var label: String {
    var parts: [String] = []
    if let model { parts.append(model) }
    if let m { parts.append("m=\(m)") }
    if let n { parts.append("n=\(n)") }
    if let k { parts.append("k=\(k)") }
    if let r { parts.append("r=\(r)") }
    return parts.joined(separator: " ")
  }

  /// Orders by model, then m, n, k, r (absent first).
  public static func < (lhs: BenchShape, rhs: BenchShape) -> Bool {
    func key(_ s: BenchShape) -> [Int] { [s.m ?? -1, s.n ?? -1, s.k ?? -1, s.r ?? -1] }
    if lhs.model != rhs.model { return (lhs.model ?? "") < (rhs.model ?? "") }
    return key(lhs).lexicographicallyPrecedes(key(rhs))
  }
}
