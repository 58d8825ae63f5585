import ArgumentParser

/// `lora-spec junit-merge` (being built).
struct JUnitMergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "junit-merge", abstract: "Not built yet.")

  func run() throws {
    throw ValidationError("'junit-merge' is not built yet")
  }
}
