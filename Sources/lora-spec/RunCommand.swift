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
      case failed, errored or passed unexpectedly, 2 for a usage error or an unreadable input.
      """)

  @Argument(help: "Spec files or directories (searched for .md files); FILE:LINE runs the scenario at that line.")
  var paths: [String] = ["Specs"]

  @Option(help: "JUnit XML report path (default Reports/junit.xml; Reports/junit-shard-K-of-N.xml with --shard).")
  var junit: String?

  @Option(
    name: .customLong("junit-flavor"), help: "extended (file/line for GitHub and GitLab) or strict (Jenkins junit-10).")
  var junitFlavor: String = "extended"

  @Option(help: "Run scenarios whose path or name contains TEXT, or FILE:LINE (repeatable).")
  var filter: [String] = []

  @Option(help: "Run scenarios tagged T; !T excludes (repeatable).")
  var tag: [String] = []

  @Flag(help: "Rewrite failing or empty expect blocks with the actual results.")
  var update = false

  @Option(help: "Scenarios run at once (default: the number of cores).")
  var jobs: Int?

  @Option(help: "Run the K-th of N shards (K/N); files are assigned by a hash of their path.")
  var shard: String?

  @Option(help: "human or json.")
  var format: String = "human"

  func run() async throws {
    guard let flavor = JUnitFlavor(rawValue: junitFlavor) else {
      throw usage("--junit-flavor must be extended or strict")
    }
    guard format == "human" || format == "json" else { throw usage("--format must be human or json") }
    var parsedShard: Shard?
    if let shard {
      guard let value = Shard(shard) else { throw usage("--shard must be K/N with 1 <= K <= N, as in 2/4") }
      parsedShard = value
    }
    if let jobs, jobs < 1 { throw usage("--jobs must be at least 1") }

    let runner = SpecRunner(handlers: LoRASpecHandlers.registry())
    let options = RunOptions(
      paths: paths, selection: Selection(filters: filter, tags: tag, shard: parsedShard),
      jobs: jobs ?? RunOptions.defaultJobs, update: update,
      properties: [Property("lora-spec.version", LoRASpecVersion.current)] + LoRASpecHandlers.reportProperties())
    let progress = ProgressLine(enabled: format == "human" ? nil : false)
    let outcome: RunOutcome
    do {
      outcome = try await runner.run(options) { progress.update($0) }
    } catch {
      throw usage(error.description)
    }
    progress.finish()

    let report = format == "json" ? JSONReport.render(outcome) : HumanReport.render(outcome, style: .detect())
    FileHandle.standardOutput.write(Data(report.utf8))

    let junitPath =
      junit ?? parsedShard.map { "Reports/junit-shard-\($0.index)-of-\($0.count).xml" } ?? "Reports/junit.xml"
    var exitCode = outcome.exitCode
    do {
      try JUnitXML.write(JUnitReport.document(from: outcome.result), to: junitPath, flavor: flavor)
    } catch {
      printError("error: \(error.description)")
      exitCode = 2
    }

    let environment = ProcessInfo.processInfo.environment
    if environment["GITHUB_ACTIONS"] == "true" {
      FileHandle.standardOutput.write(Data(GitHubReport.annotations(outcome.result).utf8))
      if let summaryPath = environment["GITHUB_STEP_SUMMARY"], !summaryPath.isEmpty {
        appendSummary(GitHubReport.stepSummary(outcome.result), to: summaryPath)
      }
    }
    if exitCode != 0 { throw ExitCode(exitCode) }
  }

  private func usage(_ message: String) -> ExitCode {
    printError("error: \(message)")
    return ExitCode(2)
  }

  private func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }

  private func appendSummary(_ text: String, to path: String) {
    guard let handle = FileHandle(forWritingAtPath: path) ?? createFile(path) else {
      printError("warning: cannot write the GitHub step summary to \(path)")
      return
    }
    defer { try? handle.close() }
    _ = try? handle.seekToEnd()
    handle.write(Data(text.utf8))
  }

  private func createFile(_ path: String) -> FileHandle? {
    guard FileManager.default.createFile(atPath: path, contents: nil) else { return nil }
    return FileHandle(forWritingAtPath: path)
  }
}
