import BenchRegression

/// The formatted cells of one compared metric, shared by the terminal and Markdown reports.
struct ComparisonRow {
  let verdict: Verdict
  let benchmark: String
  let kind: String
  let baseline: String
  let current: String
  let ratio: String
  let interval: String
  let pValue: String
  let note: String

  init(_ comparison: MetricComparison) {
    let judgement = comparison.finalJudgement
    verdict = comparison.verdict
    benchmark = comparison.id.benchmark
    kind = comparison.id.kind.rawValue
    baseline = Self.value(judgement.baselineMedian, unit: comparison.unit)
    current = Self.value(judgement.currentMedian, unit: comparison.unit)
    if let interval = judgement.interval {
      ratio = Format.fixed(interval.estimate, 3)
      self.interval = "[\(Format.fixed(interval.lower, 3)), \(Format.fixed(interval.upper, 3))]"
    } else {
      ratio = "-"
      self.interval = "-"
    }
    pValue = Format.short(judgement.pValue)
    var note = judgement.reason
    if let confirmation = comparison.confirmation {
      note += confirmation.confirmed ? " (confirmed)" : ""
    }
    self.note = note
  }

  static func value(_ value: Double, unit: String) -> String {
    unit == "ms" ? "\(Format.short(value)) ms" : "\(Format.fixed(value, 3))\(unit)"
  }
}

extension RunComparison {
  /// "2 regressed, 1 improved, 5 unchanged, 0 inconclusive".
  var summaryLine: String {
    [Verdict.regressed, .improved, .unchanged, .inconclusive].map { "\(count($0)) \($0.rawValue)" }
      .joined(separator: ", ")
  }

  /// Where absolute times were left out, the explanation; nil on the same machine.
  var machineNote: String? {
    sameMachine
      ? nil
      : "Different machine (\(machineDifferences.joined(separator: ", ")) differ): only ratios measured "
        + "within each run are compared, absolute times are not."
  }
}
