import ArgumentParser
import Foundation
import Reporters

/// `lora-spec junit-merge FILE... --output FILE`: combines shard reports into one.
struct JUnitMergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "junit-merge",
    abstract: "Combine JUnit XML reports (one per shard) into one.",
    discussion: "Suites keep their order (files in the order given); totals are recomputed from the cases.")

  @Argument(help: "JUnit XML files to merge.")
  var files: [String]

  @Option(help: "The merged report.")
  var output: String

  @Option(
    name: .customLong("junit-flavor"), help: "extended (file/line for GitHub and GitLab) or strict (Jenkins junit-10).")
  var junitFlavor: JUnitFlavor = .extended

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one JUnit XML file to merge") }
  }

  func run() throws {
    let merged: JUnitDocument
    do {
      merged = try JUnitMerge.merge(paths: files)
    } catch {
      throw CommandFailure.unreadableInput(error.description)
    }
    do {
      try JUnitXML.write(merged, to: output, flavor: junitFlavor)
    } catch {
      throw CommandFailure.unwritableOutput(error.description)
    }
    print("merged \(files.count) reports (\(merged.suites.count) suites, \(merged.tests) cases) into \(output)")
  }
}
