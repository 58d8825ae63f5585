import RunResults

/// Case counts by outcome for a spec or the whole site.
struct SpecCounts {
  var total = 0
  var passed = 0
  var failed = 0
  var errors = 0
  var skipped = 0

  init(_ cases: [SiteCase]) {
    for item in cases { add(item.status) }
  }

  init(specs: [SiteSpec]) {
    for spec in specs {
      if spec.problem != nil, spec.cases.isEmpty { add(.error) }
      for item in spec.cases { add(item.status) }
    }
  }

  mutating func add(_ status: ResultCode?) {
    total += 1
    switch status {
    case .pass?, .xfail?: passed += 1
    case .fail?, .xpass?: failed += 1
    case .error?: errors += 1
    case .skipped, nil: skipped += 1
    }
  }

  /// The overall status: error beats fail beats skip-only beats pass.
  var status: ResultCode? {
    if errors > 0 { return .error }
    if failed > 0 { return .fail }
    if total > 0, skipped == total { return .skipped }
    return total == 0 ? nil : .pass
  }
}
