import Foundation
import RunResults
import SpecFormat
import Support

/// Runs spec files: parses them, selects scenarios, evaluates them in parallel through
/// the registered handlers, and collects results in a deterministic order.
///
/// The runner knows nothing about LoRA; the handlers do.
public struct SpecRunner: Sendable {
  /// The handlers of block kinds, expectations and tables.
  public let handlers: HandlerRegistry

  /// The case name used for problems that concern a whole file (unreadable, empty).
  public static let fileCaseName = "(spec file)"

  public init(handlers: HandlerRegistry) {
    self.handlers = handlers
  }

  /// The parser configured with the handlers' keywords.
  public var parser: SpecParser { SpecParser(syntax: handlers.syntax) }

  /// Reads and parses one file; a description of the problem when it cannot be read.
  public func load(_ path: String) -> Result<SpecDocument, SpecDiagnostic> {
    let location = InputLocation(file: path, line: nil)
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(SpecDiagnostic("cannot read the file (missing or no permission)", at: location))
    }
    // Decoding replaces invalid bytes, so the text round-trips only when the file is UTF-8
    // (`String(validating:)` needs macOS 15).
    let source = String(decoding: data, as: UTF8.self)
    guard source.utf8.elementsEqual(data) else {
      return .failure(SpecDiagnostic("the file is not valid UTF-8; save it as UTF-8", at: location))
    }
    return .success(parser.parse(source, file: path))
  }

  /// Finds the spec files under `options.paths` and runs them.
  public func run(
    _ options: RunOptions, progress: (@Sendable (RunProgress) -> Void)? = nil
  ) async throws(SpecDiscovery.MissingPath) -> RunOutcome {
    var options = options
    var paths: [String] = []
    for path in options.paths {
      // `Specs/x.md:42` runs the scenario containing line 42, as `--filter` does.
      if let colon = path.lastIndex(of: ":"), Int(path[path.index(after: colon)...]) != nil,
        !FileManager.default.fileExists(atPath: path)
      {
        paths.append(String(path[..<colon]))
        options.selection.filters.append(path)
      } else {
        paths.append(path)
      }
    }
    let files = try SpecDiscovery.files(in: paths)
    return await run(files: files, options: options, progress: progress)
  }

  /// Runs `files` (already discovered) with `options` (its `paths` are ignored).
  public func run(
    files: [String], options: RunOptions, progress: (@Sendable (RunProgress) -> Void)? = nil
  ) async -> RunOutcome {
    let clock = ContinuousClock()
    let started = clock.now
    let runDate = Date()
    var properties = options.properties
    properties.append(Property("shard", options.selection.shard?.description ?? "1/1"))

    // Load, parse and select.
    var suites: [PlannedSuite] = []
    var unreadable: [String] = []
    for file in files.sorted() where options.selection.includes(file: file) {
      let name = SuiteNaming.suiteName(path: file, root: nil)
      switch load(file) {
      case .failure(let diagnostic):
        unreadable.append(file)
        suites.append(PlannedSuite(name: name, file: file, document: nil, scenarios: [], fileProblem: diagnostic))
      case .success(let document):
        let scenarios = document.scenarios.filter { options.selection.includes($0, of: document, suiteName: name) }
        var fileProblem: SpecDiagnostic?
        if document.scenarios.isEmpty, let first = document.diagnostics.first,
          options.selection.filters.isEmpty || options.selection.filters.contains(where: { file.contains($0) })
        {
          fileProblem = first
        }
        if scenarios.isEmpty && fileProblem == nil { continue }
        suites.append(
          PlannedSuite(name: name, file: file, document: document, scenarios: scenarios, fileProblem: fileProblem))
      }
    }

    // Evaluate every selected scenario, at most `jobs` at once.
    var jobs: [(suite: Int, scenario: Int)] = []
    for (suiteIndex, suite) in suites.enumerated() {
      for index in suite.scenarios.indices { jobs.append((suiteIndex, index)) }
    }
    let evaluator = ScenarioEvaluator(
      registry: handlers, collectUpdates: options.update, requireExpectations: options.requireExpectations)
    var outcomes = [ScenarioOutcome?](repeating: nil, count: jobs.count)
    var startDates = [Date](repeating: runDate, count: jobs.count)
    let plan = suites
    let jobList = jobs
    await withTaskGroup(of: (Int, ScenarioOutcome, Date).self) { group in
      var next = 0
      var completed = 0
      func schedule(_ index: Int) {
        let job = jobList[index]
        let suite = plan[job.suite]
        guard let document = suite.document else { return }
        let scenario = suite.scenarios[job.scenario]
        let timeout = options.timeout
        group.addTask {
          let date = Date()
          guard let timeout else { return (index, evaluator.evaluate(scenario, in: document), date) }
          // The scenario races its time limit; the loser is cancelled (long loops check for it).
          let outcome = await withTaskGroup(of: ScenarioOutcome?.self) { race in
            race.addTask { evaluator.evaluate(scenario, in: document) }
            race.addTask {
              try? await Task.sleep(for: .seconds(timeout))
              return nil
            }
            let first = await race.next() ?? nil
            race.cancelAll()
            return first ?? evaluator.timedOut(scenario, after: timeout)
          }
          return (index, outcome, date)
        }
      }
      while next < min(options.jobs, jobList.count) {
        schedule(next)
        next += 1
      }
      for await (index, outcome, date) in group {
        outcomes[index] = outcome
        startDates[index] = date
        completed += 1
        if let progress {
          let job = jobList[index]
          progress(
            RunProgress(
              completed: completed, total: jobList.count, file: plan[job.suite].file,
              scenario: plan[job.suite].scenarios[job.scenario].name))
        }
        if next < jobList.count {
          schedule(next)
          next += 1
        }
      }
    }

    // Assemble results in document order.
    var results: [SuiteResult] = []
    var updates: [BlockUpdate] = []
    var sources: [String: String] = [:]
    for (suiteIndex, suite) in suites.enumerated() {
      var cases: [CaseResult] = []
      var timestamp: Date?
      if let problem = suite.fileProblem {
        cases.append(
          CaseResult(
            name: Self.fileCaseName, code: .error, location: problem.location, failureLocation: problem.location,
            message: problem.description,
            problemType: "SpecError", details: problem.description))
      }
      for (jobIndex, job) in jobs.enumerated() where job.suite == suiteIndex {
        guard let outcome = outcomes[jobIndex] else { continue }
        cases += outcome.cases
        updates += outcome.updates
        timestamp = min(timestamp ?? startDates[jobIndex], startDates[jobIndex])
      }
      if let document = suite.document { sources[suite.file] = document.source }
      results.append(
        SuiteResult(
          name: suite.name, file: suite.file, title: suite.document?.title, cases: cases,
          time: cases.reduce(0) { $0 + $1.time }, timestamp: timestamp ?? runDate, properties: properties))
    }

    var outcome = RunOutcome(
      result: RunResult(suites: results, time: 0, timestamp: runDate, properties: properties),
      unreadableFiles: unreadable)
    if options.update, !updates.isEmpty {
      let (written, problems) = SpecUpdater.write(updates, sources: sources)
      outcome.updatedFiles = written
      outcome.updateProblems = problems
    }
    let elapsed = clock.now - started
    outcome.result.time = Stopwatch.seconds(elapsed)
    return outcome
  }
}

/// A file and the scenarios selected from it.
private struct PlannedSuite: Sendable {
  var name: String
  var file: String
  var document: SpecDocument?
  var scenarios: [Scenario]
  var fileProblem: SpecDiagnostic?
}
