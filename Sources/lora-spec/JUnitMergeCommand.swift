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

  @Option(name: .customLong("junit-flavor"), help: "extended or strict.")
  var junitFlavor: String = "extended"

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one JUnit XML file to merge") }
  }

  func run() throws {
    guard let flavor = JUnitFlavor(rawValue: junitFlavor) else {
      FileHandle.standardError.write(Data("error: --junit-flavor must be extended or strict\n".utf8))
      throw ExitCode(2)
    }
    do {
      let merged = try JUnitMerge.merge(paths: files)
      try JUnitXML.write(merged, to: output, flavor: flavor)
      print("merged \(files.count) reports (\(merged.suites.count) suites, \(merged.tests) cases) into \(output)")
    } catch {
      FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
      throw ExitCode(2)
    }
  }
}
