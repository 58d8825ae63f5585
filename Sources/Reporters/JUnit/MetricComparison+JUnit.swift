import BenchRegression
import RunResults

extension MetricComparison {
  /// Name/value pairs for a JUnit test case of this metric: values, interval, p-value, thresholds.
  public var junitProperties: [Property] {
    let judgement = finalJudgement
    var properties = [
      Property("bench.verdict", verdict.rawValue),
      Property("bench.kind", id.kind.rawValue),
      Property("bench.unit", unit),
      Property("bench.baseline.median", "\(judgement.baselineMedian)"),
      Property("bench.current.median", "\(judgement.currentMedian)"),
      Property("bench.p_value", "\(judgement.pValue)"),
      Property("bench.alpha", "\(policy.alpha)"),
      Property("bench.noise_threshold", "\(policy.noiseThreshold)"),
      Property("bench.samples", "\(baselineSamples.count)/\(currentSamples.count)"),
    ]
    if let interval = judgement.interval {
      properties.append(Property("bench.ratio", "\(interval.estimate)"))
      properties.append(Property("bench.ratio.lower", "\(interval.lower)"))
      properties.append(Property("bench.ratio.upper", "\(interval.upper)"))
      properties.append(Property("bench.confidence", "\(interval.confidence)"))
    }
    if let confirmation {
      properties.append(Property("bench.confirmed", confirmation.confirmed ? "true" : "false"))
    }
    return properties
  }

  /// The failure message for JUnit when the verdict is a regression (or inconclusive in strict
  /// mode); `nil` when the case passes.
  public var junitFailureMessage: String? {
    switch verdict {
    case .regressed:
      "\(id.benchmark) regressed: ratio \(Format.fixed(finalJudgement.interval?.estimate ?? 0, 3)); \(finalJudgement.reason)"
    case .inconclusive where policy.strict:
      "\(id.benchmark) is inconclusive (strict mode): \(finalJudgement.reason)"
    default:
      nil
    }
  }
}
