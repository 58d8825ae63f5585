import RunResults
import SpecFormat
import Support

/// The cases of one scenario and the rewrites `--update` may make.
struct ScenarioOutcome: Sendable {
  var cases: [CaseResult]
  var updates: [BlockUpdate]
}

/// Runs one scenario through the registered handlers.
struct ScenarioEvaluator: Sendable {
  let registry: HandlerRegistry
  let collectUpdates: Bool
  /// CI mode: a scenario without any expectation is an error.
  var requireExpectations = false

  /// A reason the scenario could not be evaluated.
  private struct Problem {
    var message: String
    var location: InputLocation
    var text: String { "\(location): \(message)" }
  }

  /// A wrong expectation.
  private struct Failure {
    var block: SpecBlock
    var result: ExpectationResult
  }

  private struct RowCase {
    var table: Int
    var row: TableRow
    var result: CaseResult
  }

  func evaluate(_ scenario: Scenario, in document: SpecDocument) -> ScenarioOutcome {
    let clock = ContinuousClock()
    let start = clock.now
    let tables = scenario.tables
    let hasScenarioCase = tables.isEmpty || scenario.blocks.contains { $0.kind == HandlerRegistry.expectKeyword }
    let xfail = document.xfail ?? scenario.xfail

    if let reason = document.skip ?? scenario.skip {
      let cases = caseNames(scenario, hasScenarioCase: hasScenarioCase).map { name, location in
        CaseResult(name: name, code: .skipped, location: location, message: reason, problemType: "skip")
      }
      return ScenarioOutcome(cases: cases, updates: [])
    }

    var problems = (document.diagnostics + scenario.diagnostics).map {
      Problem(message: $0.message, location: $0.location)
    }
    problems += validate(document.background, background: true) + validate(scenario.items, background: false)
    if requireExpectations, problems.isEmpty, hasScenarioCase, !checksSomething(document.background + scenario.items) {
      problems.append(
        Problem(
          message: "this scenario checks nothing: it has no expect block, so it would pass whatever the engine does; "
            + "add an expect block (or mark the scenario skip)",
          location: scenario.location))
    }

    var context = ScenarioContext(document: document, scenario: scenario)
    defer { context.removeTemporaryDirectories() }
    var failures: [Failure] = []
    var updates: [BlockUpdate] = []
    // Expected failures are never rewritten: that would turn them into unexpected passes.
    let updating = collectUpdates && xfail == nil
    var rows: [RowCase] = []
    var tableIndex = 0
    if problems.isEmpty {
      run: for item in document.background + scenario.items {
        switch item {
        case .block(let block):
          if let problem = run(
            block, updating: updating, context: &context, failures: &failures, updates: &updates)
          {
            problems.append(problem)
            if problem.message.hasPrefix(Self.nothingToCheck) { continue run }
            break run
          }
        case .table(let table):
          tableIndex += 1
          rows += runRows(of: table, index: tableIndex, multiple: tables.count > 1, context: context)
        }
      }
    }
    let elapsed = clock.now - start
    let seconds = Stopwatch.seconds(elapsed)

    var cases: [CaseResult] = []
    if hasScenarioCase {
      var result = scenarioCase(scenario, problems: problems, failures: failures, warnings: context.warnings)
      result.properties = context.properties
      result.time = seconds
      cases.append(result)
    }
    cases += rowCases(scenario, tables: tables, ran: rows, problems: problems)
    if let xfail {
      cases = cases.map { Self.applyXfail(xfail, to: $0) }
      updates = []
    }
    return ScenarioOutcome(cases: cases, updates: updates)
  }

  // MARK: Validation

  private func validate(_ items: [SpecItem], background: Bool) -> [Problem] {
    var problems: [Problem] = []
    for item in items {
      switch item {
      case .block(let block):
        if block.kind == HandlerRegistry.expectKeyword {
          let kinds = registry.expectationKinds
          guard let kind = block.subkind else {
            problems.append(
              Problem(
                message: "an expect block needs a kind, as in 'expect \(kinds.sorted().first ?? "KIND")' "
                  + "(kinds: \(kinds.sorted().joined(separator: ", ")))", location: block.location))
            continue
          }
          if registry.expectation(kind) == nil {
            var message = "unknown expectation kind '\(kind)'"
            message += ClosestName.hint(kind, among: kinds)
            message += " (kinds: \(kinds.sorted().joined(separator: ", ")))"
            problems.append(Problem(message: message, location: block.location))
          }
        } else if registry.blockHandler(block.kind) == nil, registry.checkingBlock(block.kind) == nil {
          problems.append(Problem(message: "no handler for '\(block.kind)' blocks", location: block.location))
        }
      case .table(let table):
        if background {
          problems.append(
            Problem(message: "an example table must be inside a '##' scenario", location: table.location))
        } else if registry.tableHandler(table.directive.name) == nil {
          problems.append(
            Problem(message: "no handler for '\(table.directive.name)' tables", location: table.directive.location))
        }
      }
    }
    return problems
  }

  // MARK: Running

  private static let nothingToCheck = "nothing to check"

  /// Whether any block states an expectation (an `expect` block or a registered checking
  /// block such as `bench`). A scenario without one would pass without running anything.
  private func checksSomething(_ items: [SpecItem]) -> Bool {
    items.contains { item in
      guard case .block(let block) = item else { return false }
      return block.kind == HandlerRegistry.expectKeyword || registry.checkingBlock(block.kind) != nil
    }
  }

  /// Runs one block; returns the problem that stops the scenario, if any. When `updating`,
  /// a failing or empty expect block with an actual result is queued for rewriting and
  /// counts as resolved (with a warning), as `jest -u` does.
  private func run(
    _ block: SpecBlock, updating: Bool, context: inout ScenarioContext, failures: inout [Failure],
    updates: inout [BlockUpdate]
  ) -> Problem? {
    guard block.kind == HandlerRegistry.expectKeyword else {
      if let checker = registry.checkingBlock(block.kind) {
        do {
          let result = try checker.check(block, in: &context)
          if !result.passed { failures.append(Failure(block: block, result: result)) }
          return nil
        } catch {
          return Self.problem(error, at: block.location)
        }
      }
      guard let handler = registry.blockHandler(block.kind) else { return nil }
      do {
        try handler.run(block, in: &context)
        return nil
      } catch {
        return Self.problem(error, at: block.location)
      }
    }
    guard let kind = block.subkind, let expectation = registry.expectation(kind) else { return nil }
    let result: ExpectationResult
    do {
      result = try expectation.handler.check(block, in: &context)
    } catch {
      return Self.problem(error, at: block.location)
    }
    let empty = block.isEmpty && !expectation.allowsEmptyBody
    if (empty || !result.passed), updating, let actual = result.actual {
      if block.isRewritable {
        updates.append(BlockUpdate(block: block, newBody: actual))
        context.warn("\(block.location): updated \(block.title) with the actual result")
        return nil
      }
      context.warn("\(block.location): cannot update \(block.title): the block is inside a list or quote")
    }
    if empty {
      var message =
        "\(Self.nothingToCheck): the \(block.title) block is empty; write the expected result or run with --update"
      if let actual = result.actual, !updating { message += "\nactual:\n\(actual)" }
      return Problem(message: message, location: block.location)
    }
    if !result.passed { failures.append(Failure(block: block, result: result)) }
    return nil
  }

  private func runRows(of table: SpecTable, index: Int, multiple: Bool, context: ScenarioContext) -> [RowCase] {
    guard let handler = registry.tableHandler(table.directive.name) else { return [] }
    let clock = ContinuousClock()
    let baseWarnings = context.warnings.count
    let baseProperties = context.properties.count
    return table.rows.map { row in
      let start = clock.now
      var rowContext = context
      defer { rowContext.removeTemporaryDirectories() }
      var result = CaseResult(name: "", code: .pass, location: row.location)
      do {
        let outcome = try handler.check(row, of: table, in: &rowContext)
        if !outcome.passed {
          let message = outcome.message ?? "\(table.directive.name) row \(row.number) at \(row.location) failed"
          let diff = outcome.diff ?? cellsDiff(row)
          result.code = .fail
          result.message = message
          result.problemType = "ExpectationMismatch"
          result.details = [message, "\(row.location): \(row.label)", diff].filter { !$0.isEmpty }.joined(
            separator: "\n")
        }
      } catch {
        let problem = Self.problem(error, at: row.location)
        result.code = .error
        result.failureLocation = problem.location
        result.message = problem.text
        result.problemType = "SpecError"
        result.details = problem.text
      }
      result.warnings = Array(rowContext.warnings.dropFirst(baseWarnings))
      result.properties = Array(rowContext.properties.dropFirst(baseProperties))
      let elapsed = clock.now - start
      result.time = Stopwatch.seconds(elapsed)
      return RowCase(table: index, row: row, result: result)
    }
  }

  private func cellsDiff(_ row: TableRow) -> String {
    zip(row.headers, row.cells).map { "  \($0) = \($1)" }.joined(separator: "\n")
  }

  // MARK: Results

  /// The outcome of a scenario stopped by the run's time limit: every case of it is an error
  /// saying so, and the run goes on.
  func timedOut(_ scenario: Scenario, after seconds: Double) -> ScenarioOutcome {
    let hasScenarioCase =
      scenario.tables.isEmpty || scenario.blocks.contains { $0.kind == HandlerRegistry.expectKeyword }
    let message =
      "the scenario did not finish within \(Formatting.seconds(seconds)) (--timeout); it was stopped and reported as an error"
    let cases = caseNames(scenario, hasScenarioCase: hasScenarioCase).map { name, location in
      CaseResult(
        name: name, code: .error, location: location, time: seconds, message: message, problemType: "Timeout",
        details: message)
    }
    return ScenarioOutcome(cases: cases, updates: [])
  }

  private func caseNames(_ scenario: Scenario, hasScenarioCase: Bool) -> [(String, InputLocation)] {
    var names: [(String, InputLocation)] = []
    if hasScenarioCase { names.append((scenario.name, scenario.location)) }
    let tables = scenario.tables
    for (index, table) in tables.enumerated() {
      for row in table.rows {
        names.append((rowName(scenario, row: row, table: index + 1, multiple: tables.count > 1), row.location))
      }
    }
    return names
  }

  private func rowName(_ scenario: Scenario, row: TableRow, table: Int, multiple: Bool) -> String {
    multiple ? "\(scenario.name) [table \(table), \(row.label)]" : "\(scenario.name) [\(row.label)]"
  }

  private func scenarioCase(
    _ scenario: Scenario, problems: [Problem], failures: [Failure], warnings: [String]
  ) -> CaseResult {
    var result = CaseResult(name: scenario.name, code: .pass, location: scenario.location, warnings: warnings)
    let failureTexts = failures.map { failure -> String in
      let diff =
        failure.result.diff
        ?? TextDiff.unified(expected: failure.block.body, actual: failure.result.actual ?? "")
      return ["\(failure.block.location): \(failureMessage(failure, located: false))", diff].filter { !$0.isEmpty }
        .joined(separator: "\n")
    }
    if let first = problems.first {
      result.code = .error
      result.problemType = "SpecError"
      result.failureLocation = first.location
      result.message = problems.count == 1 ? first.text : "\(first.text) (and \(problems.count - 1) more problems)"
      result.details = ([result.message ?? ""] + problems.dropFirst().map(\.text) + failureTexts).joined(
        separator: "\n\n")
    } else if let first = failures.first {
      result.code = .fail
      result.problemType = "ExpectationMismatch"
      result.failureLocation = first.block.location
      result.message =
        failures.count == 1
        ? failureMessage(first)
        : "\(failures.count) expectations failed; first: \(failureMessage(first))"
      // One failure: its section says it all (location, what differs, the diff), once.
      result.details = (failures.count == 1 ? failureTexts : [result.message ?? ""] + failureTexts).joined(
        separator: "\n\n")
    }
    return result
  }

  /// What a failed expectation found, in one line; `located` names the block's place (for the
  /// one-line message), a section of the details starts with the place instead.
  private func failureMessage(_ failure: Failure, located: Bool = true) -> String {
    let block = located ? "\(failure.block.title) at \(failure.block.location)" : failure.block.title
    if let message = failure.result.message { return "\(block): \(message)" }
    let lines = TextDiff.normalizedLines(failure.result.actual ?? "").count
    let expected = TextDiff.normalizedLines(failure.block.body).count
    return "\(block) differs (expected \(Counted.phrase(expected, "line")), got \(lines))"
  }

  private func rowCases(_ scenario: Scenario, tables: [SpecTable], ran: [RowCase], problems: [Problem]) -> [CaseResult]
  {
    var cases: [CaseResult] = []
    for (index, table) in tables.enumerated() {
      for row in table.rows {
        let name = rowName(scenario, row: row, table: index + 1, multiple: tables.count > 1)
        if var result = ran.first(where: { $0.table == index + 1 && $0.row.number == row.number })?.result {
          result.name = name
          cases.append(result)
        } else {
          let message =
            problems.first.map { "not run: \($0.text)" } ?? "not run: the scenario stopped before this table"
          cases.append(
            CaseResult(
              name: name, code: .error, location: row.location, message: message, problemType: "SpecError",
              details: message))
        }
      }
    }
    return cases
  }

  private static func problem(_ error: any Error, at location: InputLocation) -> Problem {
    if let error = error as? SpecError { return Problem(message: error.message, location: error.location ?? location) }
    if let diagnostic = error as? SpecDiagnostic {
      return Problem(message: diagnostic.message, location: diagnostic.location)
    }
    return Problem(message: String(describing: error), location: location)
  }

  static func applyXfail(_ reason: String, to result: CaseResult) -> CaseResult {
    var result = result
    switch result.code {
    case .fail, .error:
      result.code = .xfail
      result.message = "expected failure: \(reason)"
      result.problemType = "xfail"
    case .pass:
      result.code = .xpass
      result.message = "expected failure passed: \(reason); remove the xfail marker"
      result.problemType = "UnexpectedPass"
      result.details = result.message ?? ""
    case .skipped, .xfail, .xpass:
      break
    }
    return result
  }
}
