import Support
import Testing

@testable import BenchRegression

// Expected values computed once with SciPy 1.17.1 / NumPy 2.4:
// scipy.stats.mannwhitneyu(x, y, alternative="two-sided"), median_abs_deviation, numpy.percentile.
@Suite("Statistics against SciPy")
struct StatisticsTests {
  @Test("Mann-Whitney U uses the exact distribution for small samples without ties")
  func exactSmallSamples() throws {
    let test = try #require(MannWhitneyU([1.1, 2.2, 3.3, 4.4, 5.5], [6.6, 7.7, 8.8, 9.9, 10.1, 11.2]))
    #expect(test.method == .exact)
    #expect(test.u1 == 0)
    #expect(abs(test.pValue - 0.004329004329004329) < 1e-12)
  }

  @Test("Mann-Whitney U exact p-value for overlapping samples")
  func exactOverlapping() throws {
    let test = try #require(
      MannWhitneyU([3.1, 1.2, 4.7, 2.9, 5.3, 6.8, 7.2], [2.0, 8.1, 9.4, 3.9, 10.5, 6.1, 11.6, 12.2]))
    #expect(test.method == .exact)
    #expect(test.u1 == 12)
    #expect(abs(test.pValue - 0.0721056721056721) < 1e-12)
  }

  @Test("Mann-Whitney U normal approximation corrects for ties")
  func asymptoticWithTies() throws {
    let test = try #require(
      MannWhitneyU([1, 2, 2, 3, 3, 3, 4, 5, 6, 7], [3, 4, 4, 5, 5, 6, 7, 8, 9, 9, 10]))
    #expect(test.method == .asymptotic)
    #expect(test.u1 == 19.5)
    #expect(abs(test.pValue - 0.013049295236126156) < 1e-12)
  }

  @Test("Mann-Whitney U normal approximation for larger samples")
  func asymptoticLarge() throws {
    let x = [10.0, 11.7506, 12.7275, 12.8684, 12.8796, 13.5865, 15.1751, 17.0206, 18.2621, 18.5939, 18.5469, 19.0]
    let y = [
      12.0, 12.326, 12.1553, 12.3672, 13.4892, 15.2122, 16.6745, 17.2539, 17.1402, 17.1603, 18.0181, 19.6473,
      21.2724, 22.1217, 22.1367,
    ]
    let test = try #require(MannWhitneyU(x, y))
    #expect(test.method == .asymptotic)
    #expect(test.u1 == 73)
    #expect(abs(test.pValue - 0.4207518433669324) < 1e-12)
  }

  @Test("Mann-Whitney U on identical constant samples gives p = 1, not NaN")
  func allTied() throws {
    let test = try #require(MannWhitneyU([Double](repeating: 5, count: 10), [Double](repeating: 5, count: 10)))
    #expect(test.pValue == 1)
  }

  @Test("Mann-Whitney U refuses empty samples")
  func emptySample() {
    #expect(MannWhitneyU([], [1, 2]) == nil)
  }

  @Test("The smallest reachable p-value decides whether alpha can be reached")
  func smallestPValue() {
    // 2 / C(10, 5) = 2 / 252.
    #expect(abs(MannWhitneyU.smallestPossiblePValue(n1: 5, n2: 5) - 2.0 / 252) < 1e-12)
    #expect(MannWhitneyU.smallestPossiblePValue(n1: 3, n2: 3) > 0.01)
    #expect(MannWhitneyU.smallestPossiblePValue(n1: 10, n2: 10) < 0.01)
  }

  @Test("Median, MAD and quantiles match NumPy and SciPy")
  func descriptive() throws {
    let x = [3.1, 1.2, 4.7, 2.9, 5.3, 6.8, 7.2, 100.0]
    #expect(Descriptive.median(x) == 5.0)
    #expect(Descriptive.medianAbsoluteDeviation(x) == 2.0)
    let scaled = try #require(Descriptive.medianAbsoluteDeviation(x)) * Descriptive.madNormalScale
    #expect(abs(scaled - 2.965204437011204) < 1e-12)
    #expect(abs(try #require(Descriptive.quantile(x, 0.1)) - 2.39) < 1e-12)
    #expect(abs(try #require(Descriptive.quantile(x, 0.9)) - 35.039999999999985) < 1e-9)
    #expect(Descriptive.median([]) == nil)
    #expect(Descriptive.median([4, 1, 3]) == 3)
  }
}

@Suite("Bootstrap interval of the ratio of medians")
struct BootstrapTests {
  let baseline = (0..<30).map { 10.0 + Double(($0 * 7) % 11) * 0.05 }

  @Test("The same samples and seed give the same interval")
  func deterministic() throws {
    let current = baseline.map { $0 * 1.2 }
    let first = try #require(BootstrapRatioInterval(current: current, baseline: baseline, resamples: 2000))
    let second = try #require(BootstrapRatioInterval(current: current, baseline: baseline, resamples: 2000))
    #expect(first == second)
    let otherSeed = try #require(
      BootstrapRatioInterval(current: current, baseline: baseline, resamples: 2000, seed: 99))
    #expect(otherSeed.estimate == first.estimate)
  }

  @Test("A 20 % slower copy gives an interval around 1.2 that excludes 1")
  func scaledCopy() throws {
    let interval = try #require(
      BootstrapRatioInterval(current: baseline.map { $0 * 1.2 }, baseline: baseline, resamples: 2000))
    #expect(abs(interval.estimate - 1.2) < 1e-12)
    #expect(interval.lower <= 1.2 && interval.upper >= 1.2)
    #expect(interval.lower > 1.1)
    #expect(interval.upper < 1.3)
  }

  @Test("Identical samples give an interval containing 1")
  func identical() throws {
    let interval = try #require(BootstrapRatioInterval(current: baseline, baseline: baseline, resamples: 2000))
    #expect(interval.lower <= 1 && interval.upper >= 1)
    #expect(interval.estimate == 1)
  }

  @Test("No interval without samples or with a zero baseline")
  func undefined() {
    #expect(BootstrapRatioInterval(current: [], baseline: [1]) == nil)
    #expect(BootstrapRatioInterval(current: [1], baseline: [0, 0]) == nil)
  }
}
