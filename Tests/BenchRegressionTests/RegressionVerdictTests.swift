import Testing

@testable import BenchRegression

/// Deterministic "noisy" samples around `center` with relative spread `spread` (no ties).
func noisy(_ center: Double, count: Int = 20, spread: Double = 0.01, phase: Int = 0) -> [Double] {
  (0..<count).map { i in
    let step = Double(((i + phase) * 7) % count) / Double(count) - 0.5
    return center * (1 + spread * step) + Double(i) * 1e-9
  }
}

@Suite("Regression verdicts")
struct RegressionVerdictTests {
  let policy = RegressionPolicy(resamples: 2000)

  @Test("A clear 20 % slowdown of a time is a regression")
  func regression() {
    let j = Judgement.judge(
      baseline: noisy(10), current: noisy(12, phase: 3), polarity: .smallerIsBetter, policy: policy)
    #expect(j.verdict == .regressed)
    #expect(j.pValue < 0.01)
    #expect((j.interval?.lower ?? 0) > 1.05)
  }

  @Test("A clear speed-up is an improvement, and larger-is-better flips the direction")
  func improvement() {
    let faster = Judgement.judge(
      baseline: noisy(10), current: noisy(8, phase: 5), polarity: .smallerIsBetter, policy: policy)
    #expect(faster.verdict == .improved)
    let lowerThroughput = Judgement.judge(
      baseline: noisy(10), current: noisy(8, phase: 5), polarity: .largerIsBetter, policy: policy)
    #expect(lowerThroughput.verdict == .regressed)
  }

  @Test("A significant change smaller than the noise threshold is unchanged")
  func significantButSmall() {
    let j = Judgement.judge(
      baseline: noisy(10, spread: 0.002), current: noisy(10.1, spread: 0.002, phase: 2), polarity: .smallerIsBetter,
      policy: policy)
    #expect(j.pValue < 0.01)
    #expect(j.verdict == .unchanged)
  }

  @Test("Same distribution is unchanged")
  func same() {
    let j = Judgement.judge(
      baseline: noisy(10), current: noisy(10, phase: 7), polarity: .smallerIsBetter, policy: policy)
    #expect(j.verdict == .unchanged)
  }

  @Test("Two samples a side are too few for any test: inconclusive, never unchanged")
  func tooFew() {
    let j = Judgement.judge(baseline: [10, 10.1], current: [20, 20.1], polarity: .smallerIsBetter, policy: policy)
    #expect(j.verdict == .inconclusive)
    #expect(j.reason.contains("too few samples"))
  }

  @Test("With three samples a side the bootstrap test decides, and a noisy doubling does not count")
  func bootstrapFallback() {
    // Three separated samples: exact rank p is 0.1; the pooled bootstrap cannot reach 0.01 either.
    let clear = Judgement.judge(
      baseline: [10, 10.1, 10.2], current: [20, 20.1, 20.2], polarity: .smallerIsBetter, policy: policy)
    #expect(clear.verdict == .inconclusive)
    #expect(clear.reason.contains("bootstrap p ="))
    #expect(clear.pValue > 0.01)
    // A lenient alpha lets the same data count.
    let lenient = Judgement.judge(
      baseline: [10, 10.1, 10.2], current: [20, 20.1, 20.2], polarity: .smallerIsBetter,
      policy: RegressionPolicy(alpha: 0.2, resamples: 2000))
    #expect(lenient.verdict == .regressed)
  }

  @Test("The pooled bootstrap test separates clear differences from none")
  func bootstrapTest() {
    let base = noisy(10)
    #expect(BootstrapTest.pValue(current: noisy(12, phase: 3), baseline: base, resamples: 2000) < 0.001)
    #expect(BootstrapTest.pValue(current: noisy(10, phase: 3), baseline: base, resamples: 2000) > 0.2)
    #expect(BootstrapTest.pValue(current: [], baseline: base) == 1)
  }

  @Test("A significant change whose interval straddles the threshold is inconclusive")
  func straddles() {
    // 5 % slower with 20 % spread: significant with many samples, interval around 1.05.
    let j = Judgement.judge(
      baseline: noisy(10, count: 60, spread: 0.2), current: noisy(10.6, count: 60, spread: 0.2, phase: 11),
      polarity: .smallerIsBetter, policy: RegressionPolicy(noiseThreshold: 0.05, resamples: 2000))
    #expect(j.verdict == .inconclusive)
  }

  @Test("The noise threshold is configurable: a 3 % change counts at a 1 % threshold")
  func configurableThreshold() {
    let base = noisy(10, spread: 0.002)
    let current = noisy(10.3, spread: 0.002, phase: 1)
    #expect(
      Judgement.judge(baseline: base, current: current, polarity: .smallerIsBetter, policy: policy).verdict
        == .unchanged)
    let tight = RegressionPolicy(noiseThreshold: 0.01, resamples: 2000)
    #expect(
      Judgement.judge(baseline: base, current: current, polarity: .smallerIsBetter, policy: tight).verdict
        == .regressed)
  }

  @Test("Empty or non-finite samples are inconclusive with a reason")
  func badInput() {
    #expect(
      Judgement.judge(baseline: [], current: [1], polarity: .smallerIsBetter, policy: policy).verdict
        == .inconclusive)
    let nan = Judgement.judge(
      baseline: noisy(1), current: [1, .nan] + noisy(1), polarity: .smallerIsBetter, policy: policy)
    #expect(nan.verdict == .inconclusive)
    #expect(nan.reason.contains("finite"))
  }

  @Test("Exit codes: regression 2 beats inconclusive 3 (strict only) beats improvements-only 4")
  func exitCodes() {
    #expect(RegressionExitStatus(verdicts: [.unchanged, .improved, .regressed], strict: false) == .regression)
    #expect(RegressionExitStatus(verdicts: [.inconclusive, .improved], strict: true) == .inconclusive)
    #expect(RegressionExitStatus(verdicts: [.inconclusive, .improved], strict: false) == .improvementsOnly)
    #expect(RegressionExitStatus(verdicts: [.inconclusive, .unchanged], strict: false) == .unchanged)
    #expect(RegressionExitStatus.regression.rawValue == 2)
    #expect(RegressionExitStatus.improvementsOnly.rawValue == 4)
  }
}
