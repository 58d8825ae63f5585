import Foundation
import Support

/// A two-sided bootstrap test of "no difference" for the ratio of medians, the significance test
/// when samples are too few for the rank test to reach alpha.
///
/// Under the null hypothesis both samples come from one distribution, so both are redrawn (with
/// replacement, at their own sizes) from the pooled samples; the p-value is the share of redraws
/// whose `|log(median ratio)|` is at least the observed one, `(hits + 1) / (resamples + 1)`.
/// With very few samples it cannot reach small p-values, which is the point: it does not cry wolf.
public enum BootstrapTest {
  /// The p-value; 1 when a sample is empty or a median is not positive.
  public static func pValue(current: [Double], baseline: [Double], resamples: Int = 10_000, seed: UInt64 = 0x5EED)
    -> Double
  {
    guard let c = Descriptive.median(current), let b = Descriptive.median(baseline), c > 0, b > 0, resamples > 0
    else { return 1 }
    let observed = abs(log(c / b))
    let pooled = current + baseline
    var generator = SeededGenerator(seed: seed)
    var drawC = [Double](repeating: 0, count: current.count)
    var drawB = [Double](repeating: 0, count: baseline.count)
    var hits = 0
    for _ in 0..<resamples {
      for i in drawC.indices { drawC[i] = pooled[Int.random(in: 0..<pooled.count, using: &generator)] }
      for i in drawB.indices { drawB[i] = pooled[Int.random(in: 0..<pooled.count, using: &generator)] }
      guard let mc = Descriptive.median(drawC), let mb = Descriptive.median(drawB), mc > 0, mb > 0 else { continue }
      if abs(log(mc / mb)) >= observed * (1 - 1e-12) { hits += 1 }
    }
    return Double(hits + 1) / Double(resamples + 1)
  }
}
