import ArgumentParser

/// `lora-spec adapter` (being built).
struct AdapterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "adapter", abstract: "Not built yet.")

  func run() throws {
    throw ValidationError("'adapter' is not built yet")
  }
}
