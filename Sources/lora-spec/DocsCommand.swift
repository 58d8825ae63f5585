import ArgumentParser

/// `lora-spec docs` (being built).
struct DocsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "docs", abstract: "Not built yet.")

  func run() throws {
    throw ValidationError("'docs' is not built yet")
  }
}
