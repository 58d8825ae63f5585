import BenchRegression
import Foundation
import LoRABenchmarks
import RunResults
import SpecFormat
import SpecRunner
import Support

/// Runs a `bench` block: measures its kernel and baseline side by side, judges its claim, and
/// records the figures as case properties (JUnit `testcase` properties in the extended flavour).
///
/// - The claim holds → pass.
/// - Confidently violated (Mann–Whitney U significant at `alpha` and the bootstrap interval of the
///   ratio wholly beyond the threshold by more than `noise`) → measured again, interleaved; only a
///   violation the second measurement confirms fails, with ratio, interval, p-value and threshold
///   in the message. An unconfirmed one passes with a warning.
/// - Inconclusive (the interval straddles the threshold, or the test is not significant) → pass
///   with a warning: a noisy machine never fails a spec.
/// - A kernel this machine lacks (OpenBLAS) → pass with a warning saying it was not measured.
public struct BenchBlockHandler: ExpectationHandler {
  let sampler: any BenchSampler

  /// A handler measuring with `sampler` (the real kernels by default).
  public init(sampler: any BenchSampler = KernelSampler()) {
    self.sampler = sampler
  }

  public func check(_ block: SpecBlock, in context: inout ScenarioContext) throws -> ExpectationResult {
    let spec = try BenchSpec(block)
    let claims = BenchClaim.claims(of: spec)
    let flops = BenchKernelName.flops(spec.kernel, spec.shape)
    var recorder = PropertyRecorder(context: &context)
    let label =
      "\(block.location): bench \(spec.kernel.rawValue)"
      + (spec.baseline.map { " vs \($0.rawValue)" } ?? "") + " (\(spec.shape))"
    let thresholds = claims.map(\.text).joined(separator: "; ")
    recorder.record("kernel", spec.kernel.rawValue, in: &context)
    if let baseline = spec.baseline { recorder.record("baseline", baseline.rawValue, in: &context) }
    recorder.record("shape", spec.shape.description, in: &context)
    recorder.record("samples", String(spec.samples), in: &context)
    recorder.record("threshold", thresholds, in: &context)
    recorder.record("alpha", Format.short(spec.policy.alpha), in: &context)
    recorder.record("noise", Format.percent(spec.policy.noiseThreshold), in: &context)

    let first: BenchSamples
    do {
      first = try measure(spec, attempt: 1, block: block)
    } catch let unavailable as BenchUnavailable {
      recorder.record("verdict", "not-measured", in: &context)
      context.warn("\(label): not measured: \(unavailable.reason)")
      return .pass()
    }
    let firstFindings = claims.map { $0.judge(first, flops: flops, policy: spec.policy) }
    var final = firstFindings
    var samples = first
    let flagged = firstFindings.filter { $0.status == .violated }
    if !flagged.isEmpty {
      samples = try measure(spec, attempt: 2, block: block)
      final = claims.map { $0.judge(samples, flops: flops, policy: spec.policy) }
    }
    let confirmed = final.filter { finding in
      finding.status == .violated && flagged.contains { $0.claim == finding.claim }
    }
    let decisive =
      confirmed.first ?? final.first { $0.status == .inconclusive } ?? final.first { $0.status == .violated }
      ?? final[0]

    let valueName = spec.metric == .gflops ? "gflops" : "ratio"
    recorder.record(valueName, Format.fixed(decisive.value, 4), in: &context)
    recorder.record("ci_low", Format.fixed(decisive.low, 4), in: &context)
    recorder.record("ci_high", Format.fixed(decisive.high, 4), in: &context)
    recorder.record("p_value", Format.short(decisive.pValue), in: &context)
    recordMedians(samples, spec: spec, flops: flops, recorder: &recorder, context: &context)
    recorder.record("remeasured", String(!flagged.isEmpty), in: &context)

    let figures = Self.figures(decisive, name: valueName, policy: spec.policy)
    if let violation = confirmed.first {
      recorder.record("verdict", "violated", in: &context)
      let before = flagged.first { $0.claim == violation.claim }.map {
        Self.figures($0, name: valueName, policy: spec.policy)
      }
      let message =
        "\(valueName) \(Format.fixed(violation.value, 3)) violates \(violation.claim.text) "
        + "(\(Self.interval(violation)), p = \(Format.short(violation.pValue)) < alpha \(Format.short(spec.policy.alpha))), "
        + "confirmed by a re-measurement"
      let diff = [
        "\(spec.kernel.rawValue)\(spec.baseline.map { " vs \($0.rawValue)" } ?? "") at \(spec.shape), "
          + "\(spec.samples) samples each, interleaved",
        "first measurement: \(before ?? "-")",
        "re-measurement:    \(figures)",
        "why: \(violation.reason)",
      ].joined(separator: "\n")
      return .fail(actual: nil, diff: diff, message: message)
    }
    if !flagged.isEmpty {
      let before = flagged.map { Self.figures($0, name: valueName, policy: spec.policy) }.joined(separator: "; ")
      context.warn(
        "\(label): flagged as violating \(flagged.map(\.claim.text).joined(separator: ", ")) (\(before)) "
          + "but the re-measurement did not confirm it (\(figures)); counted as noise")
    }
    if decisive.status == .inconclusive {
      recorder.record("verdict", "inconclusive", in: &context)
      context.warn(
        "\(label): inconclusive for \(decisive.claim.text): \(figures); \(decisive.reason). "
          + "Not counted as a failure; more samples (samples: N) may decide")
      return .pass()
    }
    recorder.record("verdict", "holds", in: &context)
    if let near = final.first(where: \.isBeyondThreshold) {
      context.warn(
        "\(label): \(Self.figures(near, name: valueName, policy: spec.policy)): beyond the threshold but within "
          + "the noise tolerance, so the claim is not counted as violated")
    }
    return .pass()
  }

  /// One bench block measures at a time in a process, even when scenarios run in parallel
  /// (`--jobs`): two kernels timed at once would share the cores and blur each other's ratios.
  private static let measuring = NSLock()

  private func measure(_ spec: BenchSpec, attempt: Int, block: SpecBlock) throws -> BenchSamples {
    Self.measuring.lock()
    defer { Self.measuring.unlock() }
    do {
      return try sampler.measure(spec.request(attempt: attempt))
    } catch let unavailable as BenchUnavailable {
      throw unavailable
    } catch {
      throw SpecError("the bench block could not be measured: \(error)", at: block.location)
    }
  }

  private func recordMedians(
    _ samples: BenchSamples, spec: BenchSpec, flops: Double, recorder: inout PropertyRecorder,
    context: inout ScenarioContext
  ) {
    if let median = Descriptive.median(samples.kernelMs), median > 0 {
      recorder.record("kernel_ms", Format.fixed(median, 4), in: &context)
      recorder.record("kernel_gflops", Format.fixed(flops / (median * 1e6), 2), in: &context)
    }
    if let baseline = spec.baseline, let median = Descriptive.median(samples.baselineMs), median > 0 {
      let baselineFlops = BenchKernelName.flops(baseline, spec.shape)
      recorder.record("baseline_ms", Format.fixed(median, 4), in: &context)
      recorder.record("baseline_gflops", Format.fixed(baselineFlops / (median * 1e6), 2), in: &context)
    }
  }

  /// `ratio 1.032 [1.010, 1.051], p = 0.0021, max_ratio <= 1.15 (noise 5%)`.
  static func figures(_ finding: BenchClaim.Finding, name: String, policy: RegressionPolicy) -> String {
    "\(name) \(Format.fixed(finding.value, 3)) \(interval(finding)), p = \(Format.short(finding.pValue)), "
      + "\(finding.claim.text) (noise \(Format.percent(policy.noiseThreshold)))"
  }

  static func interval(_ finding: BenchClaim.Finding) -> String {
    "[\(Format.fixed(finding.low, 3)), \(Format.fixed(finding.high, 3))]"
  }
}

/// Names the properties of the second and later bench blocks of a scenario `bench2.ratio`, ...
/// so every block's figures survive in one test case.
struct PropertyRecorder {
  /// How many bench blocks the scenario has run, kept in the context.
  struct Count { var blocks: Int }

  let prefix: String

  init(context: inout ScenarioContext) {
    let index = (context[Count.self]?.blocks ?? 0) + 1
    context[Count.self] = Count(blocks: index)
    prefix = index == 1 ? "" : "bench\(index)."
  }

  func record(_ name: String, _ value: String, in context: inout ScenarioContext) {
    context.record(property: Property(prefix + name, value))
  }
}
