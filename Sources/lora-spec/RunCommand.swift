import ArgumentParser
import Foundation
import LoRASpecs
import Reporters
import RunResults
import SpecRunner

/// `lora-spec run [PATH...]`: runs the specs, prints a report, writes JUnit XML.
struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run Markdown specs and write a JUnit XML report.",
    discussion: """
      Exit status: 0 when every case passed (skips and expected failures included), 1 when a \
      case failed, errored or passed unexpectedly, 2 for a usage error, an unreadable input, or a \
      run that selected no scenario (a typo in --filter, --tag or FILE:LINE never passes; an \
      empty --shard passes with a note). In CI mode a scenario without an expect block is an \
      error: it would pass whatever the engine does.
      """)

  @Argument(help: "Spec files or directories (searched for .md files); FILE:LINE runs the scenario at that line.")
  var paths: [String] = ["Specs"]

  @Option(help: "JUnit XML report path (default Reports/junit.xml; Reports/junit-shard-K-of-N.xml with --shard).")
  var junit: String?

  @Option(
    name: .customLong("junit-flavor"), help: "extended (file/line for GitHub and GitLab) or strict (Jenkins junit-10).")
  var junitFlavor: JUnitFlavor = .extended

  @Option(help: "Run scenarios whose path or name contains TEXT, or FILE:LINE (repeatable).")
  var filter: [String] = []

  @Option(help: "Run scenarios tagged T; !T excludes (repeatable).")
  var tag: [String] = []

  @Flag(help: "Rewrite failing or empty expect blocks with the actual results (refused under --ci).")
  var update = false

  @Flag(
    inversion: .prefixedNo,
    help:
      "CI mode (on by default when the CI environment variable is set): refuses --update and makes a scenario without an expect block an error."
  )
  var ci: Bool?

  @Option(
    help:
      "Seconds a scenario may run before it is stopped and reported as an error (default: 600 in CI mode, no limit otherwise)."
  )
  var timeout: Double?

  @Option(help: "Scenarios run at once (default: the number of cores).")
  var jobs: Int?

  @Option(help: "Run the K-th of N shards (K/N); files are assigned by a hash of their path.")
  var shard: String?

  @Option(help: "The report on stdout.")
  var format: RunFormat = .human

  func run() async throws {
    var parsedShard: Shard?
    if let shard {
      guard let value = Shard(shard) else {
        throw CommandFailure.usage("--shard must be K/N with 1 <= K <= N, as in 2/4")
      }
      parsedShard = value
    }
    if let jobs, jobs < 1 { throw CommandFailure.usage("--jobs must be at least 1") }
    if let timeout, !(timeout > 0) { throw CommandFailure.usage("--timeout must be a positive number of seconds") }
    let environment = ProcessInfo.processInfo.environment
    let ciMode = ci ?? CIEnvironment.isCI(environment)
    if update, ciMode {
      throw CommandFailure.usage(
        "--update rewrites spec files and is refused in CI mode (the CI environment variable is set); "
          + "run it locally, or pass --no-ci")
    }

    let runner = SpecRunner(handlers: LoRASpecHandlers.registry())
    let options = RunOptions(
      paths: paths, selection: Selection(filters: filter, tags: tag, shard: parsedShard),
      jobs: jobs ?? RunOptions.defaultJobs, update: update, requireExpectations: ciMode,
      timeout: timeout ?? (ciMode ? 600 : nil),
      properties: [Property("lora-spec.version", LoRASpecVersion.current)] + LoRASpecHandlers.reportProperties())
    let progress = ProgressLine(enabled: format == .human ? nil : false)
    let outcome: RunOutcome
    do {
      outcome = try await runner.run(options) { progress.update($0) }
    } catch {
      throw CommandFailure.unreadableInput(error.description)
    }
    progress.finish()

    let report = format == .json ? JSONReport.render(outcome) : HumanReport.render(outcome, style: .detect())
    FileHandle.standardOutput.write(Data(report.utf8))

    let junitPath =
      junit ?? parsedShard.map { "Reports/junit-shard-\($0.index)-of-\($0.count).xml" } ?? "Reports/junit.xml"
    var junitFailure: CommandFailure?
    do {
      try JUnitXML.write(JUnitReport.document(from: outcome.result), to: junitPath, flavor: junitFlavor)
    } catch {
      junitFailure = .unwritableOutput(error.description)
    }

    if environment["GITHUB_ACTIONS"] == "true" {
      FileHandle.standardOutput.write(Data(GitHubReport.annotations(outcome.result).utf8))
      if let summary = GitHubStepSummary.fromEnvironment(environment) {
        do {
          try summary.append(GitHubReport.stepSummary(outcome.result))
        } catch {
          Diagnostics.warning("cannot write the GitHub step summary to \(summary.path)")
        }
      }
    }
    if let junitFailure { throw junitFailure }
    if outcome.result.suites.allSatisfy({ $0.cases.isEmpty }) {
      // An empty shard is a property of the partition, not a typo: it passes with a note.
      if let shard, parsedShard != nil {
        Diagnostics.warning("shard \(shard) selected no scenario")
        return
      }
      var selection = ["paths: \(paths.joined(separator: " "))"]
      if !filter.isEmpty { selection.append("--filter \(filter.joined(separator: ", "))") }
      if !tag.isEmpty { selection.append("--tag \(tag.joined(separator: ", "))") }
      throw CommandFailure.usage(
        "no scenario was selected (\(selection.joined(separator: "; "))), so nothing was checked; check the paths and filters"
      )
    }
    switch outcome.exitCode {
    case 0: return
    case 1: throw CommandFailure.failuresInReport
    default: throw CommandFailure.unreadableInputInReport
    }
  }
}
