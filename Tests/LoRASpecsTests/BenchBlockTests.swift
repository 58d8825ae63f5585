import Foundation
import LoRASpecs
import RunResults
import SpecRunner
import TestSupport
import Testing

/// Scripted timings: the verdict logic of `bench` blocks without a clock.
final class ScriptedSampler: BenchSampler, @unchecked Sendable {
  private let lock = NSLock()
  private var script: [Result<BenchSamples, BenchUnavailable>]
  private var taken: [BenchRequest] = []

  init(_ script: [Result<BenchSamples, BenchUnavailable>]) {
    self.script = script
  }

  convenience init(ratios: [Double], spread: Double = 0.01, samples: Int = 15) {
    self.init(ratios.map { .success(Self.samples(ratio: $0, spread: spread, count: samples)) })
  }

  var requests: [BenchRequest] { lock.withLock { taken } }

  func measure(_ request: BenchRequest) throws -> BenchSamples {
    try lock.withLock {
      taken.append(request)
      guard !script.isEmpty else { throw BenchUnavailable("the script has no more measurements") }
      return try script.removeFirst().get()
    }
  }

  /// Baseline times around 10 ms and kernel times around `ratio` times that, each with a
  /// deterministic relative spread of ±`spread` (in different orders, as real samples are).
  static func samples(ratio: Double, spread: Double, count: Int) -> BenchSamples {
    func jitter(_ i: Int, _ phase: Double) -> Double {
      1 + spread * sin(Double(i) * 2.399 + phase)
    }
    return BenchSamples(
      kernelMs: (0..<count).map { 10 * ratio * jitter($0, 1.3) },
      baselineMs: (0..<count).map { 10 * jitter($0, 0) })
  }
}

/// `bench` blocks: claims about kernels measured side by side, reported as test cases.
@Suite struct BenchBlockTests {
  static func spec(_ body: String, heading: String = "Fused stays close") -> String {
    "# Bench\n\n## \(heading)\n\n```bench\n\(body)\n```\n"
  }

  static let fusedOverGemm = """
    kernel: lora-fused
    baseline: gemm
    m: 128
    n: 1024
    k: 1024
    r: 16
    max_ratio: 1.15
    """

  /// Runs `text` with the bench handler measuring through `sampler`.
  static func run(_ text: String, sampler: any BenchSampler) async throws -> CaseResult {
    var registry = HandlerRegistry()
    registry.register(checkingBlock: "bench", BenchBlockHandler(sampler: sampler))
    let harness = try SpecHarness(text)
    defer { harness.remove() }
    let outcome = try await SpecRunner(handlers: registry).run(RunOptions(paths: [harness.directory.path], jobs: 1))
    return try #require(outcome.cases.first)
  }

  static func property(_ result: CaseResult, _ name: String) -> String? {
    result.properties.first { $0.name == name }?.value
  }

  @Test func aClaimThatHoldsPassesWithItsFiguresAsProperties() async throws {
    let sampler = ScriptedSampler(ratios: [1.03])
    let result = try await Self.run(Self.spec(Self.fusedOverGemm), sampler: sampler)
    #expect(result.code == .pass)
    #expect(result.warnings.isEmpty)
    #expect(sampler.requests.count == 1)
    #expect(sampler.requests.first?.shape == BenchShape(m: 128, n: 1024, k: 1024, r: 16))
    #expect(sampler.requests.first?.samples == 15)
    let ratio = try #require(Self.property(result, "ratio").flatMap(Double.init))
    #expect(abs(ratio - 1.03) < 0.01)
    let low = try #require(Self.property(result, "ci_low").flatMap(Double.init))
    let high = try #require(Self.property(result, "ci_high").flatMap(Double.init))
    #expect(low <= ratio && ratio <= high && high < 1.15)
    #expect(Self.property(result, "p_value").flatMap(Double.init) != nil)
    #expect(Self.property(result, "threshold") == "max_ratio <= 1.15")
    #expect(Self.property(result, "kernel") == "lora-fused")
    #expect(Self.property(result, "baseline") == "gemm")
    #expect(Self.property(result, "shape") == "m=128 n=1024 k=1024 r=16")
    #expect(Self.property(result, "samples") == "15")
    #expect(Self.property(result, "verdict") == "holds")
    #expect(Self.property(result, "remeasured") == "false")
  }

  @Test func aConfirmedViolationFailsWithRatioIntervalPValueAndThreshold() async throws {
    let sampler = ScriptedSampler(ratios: [1.5, 1.48])
    let result = try await Self.run(Self.spec(Self.fusedOverGemm), sampler: sampler)
    #expect(result.code == .fail)
    #expect(result.problemType == "ExpectationMismatch")
    #expect(sampler.requests.map(\.attempt) == [1, 2])
    let message = try #require(result.message)
    #expect(message.contains("ratio 1.48"), "\(message)")
    #expect(message.contains("violates max_ratio <= 1.15"))
    #expect(message.contains("p = "))
    #expect(message.contains("confirmed by a re-measurement"))
    #expect(result.details.contains("first measurement: ratio 1.500"))
    #expect(result.details.contains("re-measurement:    ratio 1.480"))
    #expect(result.failureLocation?.line == 5)
    #expect(Self.property(result, "verdict") == "violated")
    #expect(Self.property(result, "remeasured") == "true")
  }

  @Test func aViolationTheReMeasurementDoesNotConfirmPassesWithAWarning() async throws {
    let sampler = ScriptedSampler(ratios: [1.5, 1.02])
    let result = try await Self.run(Self.spec(Self.fusedOverGemm), sampler: sampler)
    #expect(result.code == .pass)
    #expect(sampler.requests.map(\.attempt) == [1, 2])
    #expect(result.warnings.count == 1)
    #expect(result.warnings.first?.contains("did not confirm it") == true)
    #expect(result.warnings.first?.contains("counted as noise") == true)
    #expect(Self.property(result, "verdict") == "holds")
    let ratio = try #require(Self.property(result, "ratio").flatMap(Double.init))
    #expect(abs(ratio - 1.02) < 0.01, "the figures are the re-measurement's")
  }

  @Test func aNoisyResultIsInconclusiveAndPassesWithAWarning() async throws {
    // Above the threshold with a 30 % spread: neither side can be claimed.
    let sampler = ScriptedSampler(ratios: [1.3], spread: 0.3)
    let result = try await Self.run(Self.spec(Self.fusedOverGemm), sampler: sampler)
    #expect(result.code == .pass)
    #expect(sampler.requests.count == 1, "an inconclusive result is not re-measured")
    let warning = try #require(result.warnings.first)
    #expect(warning.contains("inconclusive for max_ratio <= 1.15"))
    #expect(warning.contains("spec.md:5"))
    #expect(Self.property(result, "verdict") == "inconclusive")
  }

  @Test func aSlightExcessWithinTheNoiseToleranceDoesNotFail() async throws {
    // 1.17 is above 1.15 but within 5 % of it: never a confident violation.
    let sampler = ScriptedSampler(ratios: [1.17, 1.17], spread: 0.001)
    let result = try await Self.run(Self.spec(Self.fusedOverGemm), sampler: sampler)
    #expect(result.code == .pass)
    #expect(sampler.requests.count == 1)
    #expect(result.warnings.first?.contains("within the noise tolerance") == true)
  }

  @Test func minRatioIsViolatedWhenTheKernelIsTooFast() async throws {
    let body = """
      kernel: gemm
      baseline: reference-gemm
      m: 16
      n: 64
      k: 64
      min_ratio: 0.5
      samples: 9
      """
    let sampler = ScriptedSampler(ratios: [0.2, 0.2], samples: 9)
    let result = try await Self.run(Self.spec(body), sampler: sampler)
    #expect(result.code == .fail)
    #expect(result.message?.contains("violates min_ratio >= 0.5") == true)
    #expect(sampler.requests.first?.samples == 9)
  }

  @Test func gflopsClaimsJudgeTheKernelsOwnThroughput() async throws {
    // m = n = k = 100: 2 MFLOP a call; 10 ms is 0.2 GFLOP/s.
    let body = """
      kernel: gemm
      m: 100
      n: 100
      k: 100
      r: 4
      metric: gflops
      min_gflops: MIN
      """
    let slow = ScriptedSampler(ratios: [1, 1])
    let failed = try await Self.run(Self.spec(body.replacingOccurrences(of: "MIN", with: "1")), sampler: slow)
    #expect(failed.code == .fail)
    #expect(failed.message?.contains("gflops 0.200 violates min_gflops >= 1") == true, "\(failed.message ?? "")")
    #expect(slow.requests.first?.baseline == nil)
    let fast = ScriptedSampler(ratios: [1])
    let passed = try await Self.run(Self.spec(body.replacingOccurrences(of: "MIN", with: "0.1")), sampler: fast)
    #expect(passed.code == .pass)
    let gflops = try #require(Self.property(passed, "gflops").flatMap(Double.init))
    #expect(abs(gflops - 0.2) < 0.01)
  }

  @Test func aKernelTheMachineLacksPassesWithANotMeasuredWarning() async throws {
    let sampler = ScriptedSampler([.failure(BenchUnavailable("OpenBLAS is not installed"))])
    let body = Self.fusedOverGemm.replacingOccurrences(of: "baseline: gemm", with: "baseline: openblas-sgemm")
    let result = try await Self.run(Self.spec(body), sampler: sampler)
    #expect(result.code == .pass)
    #expect(result.warnings.first?.contains("not measured: OpenBLAS is not installed") == true)
    #expect(Self.property(result, "verdict") == "not-measured")
  }

  @Test func settingsOverrideTheStatedDefaults() async throws {
    let body = Self.fusedOverGemm + "\nsamples: 31\nalpha: 0.05\nnoise: 2%\nconfidence: 0.9"
    let sampler = ScriptedSampler(ratios: [1.0], samples: 31)
    let result = try await Self.run(Self.spec(body), sampler: sampler)
    #expect(result.code == .pass)
    #expect(sampler.requests.first?.samples == 31)
    #expect(Self.property(result, "alpha") == "0.05")
    #expect(Self.property(result, "noise") == "2%")
  }

  @Test func aSecondBenchBlockInAScenarioPrefixesItsProperties() async throws {
    let text = Self.spec(Self.fusedOverGemm) + "\n```bench\n" + Self.fusedOverGemm + "\n```\n"
    let sampler = ScriptedSampler(ratios: [1.0, 1.01])
    let result = try await Self.run(text, sampler: sampler)
    #expect(result.code == .pass)
    #expect(Self.property(result, "ratio") != nil)
    #expect(Self.property(result, "bench2.ratio") != nil)
    #expect(Self.property(result, "bench2.kernel") == "lora-fused")
  }

  // MARK: Broken blocks are errors, never measured

  @Test(arguments: [
    ("max_ration: 1.2", "unknown field 'max_ration' in bench block; did you mean 'max_ratio'?"),
    ("kernel: lora-fussed", "unknown kernel 'lora-fussed' in 'kernel'; did you mean 'lora-fused'?"),
    ("baseline: cublas", "unknown kernel 'cublas' in 'baseline'"),
    ("m: 0", "bad shape: 'm' is 0"),
    ("r: 2048", "bad shape: rank r = 2048 exceeds min(n, k) = 1024"),
    ("samples: 2", "samples is 2; use 5 to 1000"),
    ("noise: lots", "noise: 'lots' is not valid"),
    ("metric: speed", "unknown metric 'speed'"),
    ("min_ratio: 2", "min_ratio 2.0 must be below max_ratio 1.15"),
  ])
  func brokenBlocksAreErrorsAtTheirLine(extra: String, message: String) async throws {
    // The base fields, with `extra` replacing (or adding) one field on the last line.
    let key = extra.prefix { $0 != ":" }
    let lines = Self.fusedOverGemm.split(separator: "\n").filter { !$0.hasPrefix("\(key):") }
    let sampler = ScriptedSampler(ratios: [1.0])
    let result = try await Self.run(Self.spec((lines + [Substring(extra)]).joined(separator: "\n")), sampler: sampler)
    #expect(result.code == .error)
    #expect(result.problemType == "SpecError")
    #expect(result.message?.contains(message) == true, "\(result.message ?? "")")
    // `extra` is the last line of the block, whose fields start at line 6.
    #expect(result.failureLocation?.line == 6 + lines.count, "\(result.message ?? "")")
    #expect(sampler.requests.isEmpty)
  }

  @Test func aBlockWithoutAClaimOrShapeSaysWhatIsMissing() async throws {
    let sampler = ScriptedSampler(ratios: [])
    let noClaim = try await Self.run(Self.spec("kernel: gemm\nbaseline: merged\nm: 4\nn: 64\nk: 64"), sampler: sampler)
    #expect(noClaim.code == .error)
    #expect(noClaim.message?.contains("states no claim") == true)
    let noShape = try await Self.run(Self.spec("kernel: gemm\nbaseline: merged\nmax_ratio: 2"), sampler: sampler)
    #expect(noShape.message?.contains("needs 'm'") == true)
    let empty = try await Self.run(Self.spec(""), sampler: sampler)
    #expect(empty.message?.contains("the bench block is empty") == true)
  }

  @Test func theRepositorysBenchSpecIsWellFormed() async throws {
    let path = RepositoryPaths.file("Specs/fused-kernel-performance.md").path
    var registry = HandlerRegistry()
    let sampler = ScriptedSampler(ratios: [1.0, 1.0, 1.0, 1.0])
    registry.register(checkingBlock: "bench", BenchBlockHandler(sampler: sampler))
    let outcome = try await SpecRunner(handlers: registry).run(RunOptions(paths: [path], jobs: 1))
    #expect(outcome.cases.count == 4)
    #expect(outcome.cases.allSatisfy { $0.code == .pass }, "\(outcome.cases.map { $0.message ?? "" })")
    #expect(
      Set(sampler.requests.map { "\($0.kernel)/\($0.baseline ?? "-")" }) == [
        "lora-fused/gemm", "lora-fused/lora-unfused", "merged/gemm",
      ])
  }

  // MARK: Real kernels

  @Test func aTinyBenchBlockRunsTheRealKernels() async throws {
    let text = Self.spec(
      """
      kernel: lora-fused
      baseline: gemm
      m: 8
      n: 64
      k: 64
      r: 4
      max_ratio: 100
      samples: 5
      """)
    let outcome = try await SpecHarness.run(text)
    let result = try #require(outcome.cases.first)
    #expect(result.code == .pass, "\(result.message ?? "")")
    let kernelMs = try #require(Self.property(result, "kernel_ms").flatMap(Double.init))
    let baselineMs = try #require(Self.property(result, "baseline_ms").flatMap(Double.init))
    #expect(kernelMs > 0 && baselineMs > 0)
    let ratio = try #require(Self.property(result, "ratio").flatMap(Double.init))
    #expect(ratio > 0 && ratio < 100)
  }
}

extension BenchBlockTests {
  @Test func anIntervalWhollyBelowTheThresholdHoldsEvenInsideTheNoiseBand() async throws {
    // 1.09 with a 1 % spread: significant, the interval (about [1.085, 1.095]) below 1.15 but
    // straddling the edge of the 5 % band (1.0925), so the regression gates alone call it inconclusive.
    let sampler = ScriptedSampler(ratios: [1.09], spread: 0.01)
    let result = try await Self.run(Self.spec(Self.fusedOverGemm), sampler: sampler)
    #expect(result.code == .pass)
    #expect(result.warnings.isEmpty, "\(result.warnings)")
    #expect(Self.property(result, "verdict") == "holds")
  }
}
