import RunResults
import SpecFormat

extension SiteSpec {
  /// A spec page from a parsed spec and its suite's results (`nil` when it was not run).
  ///
  /// Block outcomes are derived from the cases: a block is failed (or errored) when its case's
  /// details name its location, its diff is shown; the other blocks of a failed case passed (the
  /// runner checks every expectation); after a block that stopped a case with an error, blocks did not run.
  public init(
    document: SpecDocument, suite: SuiteResult?, relativePath: String, trees: [SiteTree] = []
  ) {
    let cases = suite?.cases ?? []
    var blocks: [SiteBlock] = []
    for scenario in document.scenarios {
      let own = cases.filter { $0.name == scenario.name || $0.name.hasPrefix(scenario.name + " [") }
      blocks += Self.outcomes(of: scenario.blocks, cases: own)
    }
    let background = document.background.compactMap { item -> SpecBlock? in
      if case .block(let block) = item { block } else { nil }
    }
    blocks += Self.outcomes(of: background, cases: cases, background: true)
    let fileProblem = cases.first { $0.name == "(spec file)" }
    self.init(
      relativePath: relativePath, displayPath: document.file, markdown: document.source, title: document.title,
      tags: document.tags, time: suite?.time ?? 0,
      cases: cases.map { item in
        SiteCase(
          name: item.name, status: item.code, line: item.location?.line, time: item.time,
          message: item.message)
      }, blocks: blocks, trees: trees,
      problem: suite == nil ? "Not run." : fileProblem?.message)
  }

  static func outcomes(of blocks: [SpecBlock], cases: [CaseResult], background: Bool = false) -> [SiteBlock] {
    guard let worst = cases.max(by: { rank($0.code) < rank($1.code) }) else {
      return blocks.compactMap { block in block.location.line.map { SiteBlock(line: $0, status: nil) } }
    }
    let sections = cases.flatMap { $0.details.components(separatedBy: "\n\n") }
    let tied = blocks.contains { block in sections.contains { $0.hasPrefix("\(block.location): ") } }
    var stopped = false
    var result: [SiteBlock] = []
    for block in blocks {
      guard let line = block.location.line else { continue }
      let prefix = "\(block.location): "
      if let section = sections.first(where: { $0.hasPrefix(prefix) }) {
        let lines = section.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let message = String(lines[0].dropFirst(prefix.count))
        let diff = lines.count > 1 ? String(lines[1]) : nil
        let status: ResultCode =
          worst.code == .error && diff == nil ? .error : worst.code == .xfail ? .xfail : .fail
        result.append(SiteBlock(line: line, status: status, message: message, diff: diff))
        if status == .error { stopped = true }
        continue
      }
      if stopped {
        result.append(SiteBlock(line: line, status: nil))
        continue
      }
      switch worst.code {
      case .skipped: result.append(SiteBlock(line: line, status: .skipped, message: worst.message))
      case .error where !background && !tied:
        // An error not tied to a block (a diagnostic): the scenario did not run.
        result.append(SiteBlock(line: line, status: nil))
      default: result.append(SiteBlock(line: line, status: .pass))
      }
    }
    return result
  }

  static func rank(_ code: ResultCode) -> Int {
    switch code {
    case .pass: 0
    case .skipped: 1
    case .xfail: 2
    case .xpass: 3
    case .fail: 4
    case .error: 5
    }
  }
}
