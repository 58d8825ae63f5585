import Foundation

/// The two-sided Mann–Whitney U test (Wilcoxon rank-sum), the significance gate of the verdicts.
///
/// Follows SciPy's `scipy.stats.mannwhitneyu(x, y, alternative="two-sided")` with its default
/// method choice: the exact null distribution when there are no ties and at least one sample has
/// at most 8 values, otherwise the normal approximation with tie correction and continuity correction.
public struct MannWhitneyU: Sendable, Equatable {
  /// How the p-value was computed.
  public enum Method: String, Sendable, Codable {
    /// The exact permutation distribution of U (no ties, small samples).
    case exact
    /// The normal approximation with tie and continuity correction.
    case asymptotic
  }

  /// U of the first sample: the number of pairs (x, y) with x > y, ties counting one half.
  public let u1: Double
  /// The two-sided p-value.
  public let pValue: Double
  /// The method used for `pValue`.
  public let method: Method

  /// Tests `x` against `y`; `nil` when either sample is empty.
  public init?(_ x: [Double], _ y: [Double]) {
    let n1 = x.count
    let n2 = y.count
    guard n1 > 0, n2 > 0 else { return nil }
    let ranked = Ranks(x + y)
    let rankSumX = ranked.ranks.prefix(n1).reduce(0, +)
    let u1 = rankSumX - Double(n1 * (n1 + 1)) / 2
    let u2 = Double(n1 * n2) - u1
    let uMax = max(u1, u2)
    self.u1 = u1
    let useExact = !ranked.hasTies && (n1 <= 8 || n2 <= 8) && n1 + n2 <= 400
    if useExact {
      method = .exact
      pValue = min(1, 2 * ExactUDistribution(n1: n1, n2: n2).survival(atLeast: Int(uMax.rounded())))
    } else {
      method = .asymptotic
      let n = Double(n1 + n2)
      let mu = Double(n1 * n2) / 2
      let tieTerm = ranked.tieCounts.reduce(0.0) { $0 + (pow(Double($1), 3) - Double($1)) }
      let variance = Double(n1 * n2) / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
      if variance <= 0 {
        pValue = 1
      } else {
        let z = (uMax - mu - 0.5) / variance.squareRoot()
        pValue = min(1, max(0, 2 * NormalDistribution.survival(z)))
      }
    }
  }

  /// The smallest two-sided p-value any data could reach with these sample sizes (exact
  /// distribution, no ties). A test that cannot reach alpha cannot decide: the verdict is inconclusive.
  public static func smallestPossiblePValue(n1: Int, n2: Int) -> Double {
    guard n1 > 0, n2 > 0 else { return 1 }
    // All of x above all of y: probability 1 / C(n1 + n2, n1), doubled for two sides.
    var logChoose = 0.0
    for i in 0..<min(n1, n2) {
      logChoose += log(Double(n1 + n2 - i)) - log(Double(i + 1))
    }
    return min(1, 2 * exp(-logChoose))
  }
}

/// Mid-ranks (1-based) of a sample, with the sizes of tied groups.
struct Ranks {
  let ranks: [Double]
  let tieCounts: [Int]
  var hasTies: Bool { tieCounts.contains { $0 > 1 } }

  init(_ values: [Double]) {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var ties: [Int] = []
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
      let midRank = Double(start + end + 2) / 2
      for position in start...end { ranks[order[position]] = midRank }
      ties.append(end - start + 1)
      start = end + 1
    }
    self.ranks = ranks
    tieCounts = ties
  }
}

/// The exact null distribution of U for sample sizes `n1`, `n2` without ties.
struct ExactUDistribution {
  /// `probabilities[u]` = P(U = u).
  let probabilities: [Double]

  init(n1: Int, n2: Int) {
    // counts(i, j)[u] = counts(i-1, j)[u-j] + counts(i, j-1)[u]; kept one row of i at a time.
    var previous: [[Double]] = (0...n2).map { _ in [1] }  // i = 0: one way, U = 0.
    if n1 > 0 {
      for i in 1...n1 {
        var current: [[Double]] = [[1]]  // j = 0: U = 0 only.
        if n2 > 0 {
          for j in 1...n2 {
            var row = [Double](repeating: 0, count: i * j + 1)
            for (u, count) in previous[j].enumerated() where u + j < row.count { row[u + j] += count }
            for (u, count) in current[j - 1].enumerated() where u < row.count { row[u] += count }
            current.append(row)
          }
        }
        previous = current
      }
    }
    let counts = previous[n2]
    let total = counts.reduce(0, +)
    probabilities = counts.map { $0 / total }
  }

  /// P(U >= u).
  func survival(atLeast u: Int) -> Double {
    guard u > 0 else { return 1 }
    guard u < probabilities.count else { return 0 }
    return probabilities[u...].reduce(0, +)
  }
}
