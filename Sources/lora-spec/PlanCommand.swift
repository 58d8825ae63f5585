import ArgumentParser

/// `lora-spec plan` (being built).
struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "plan", abstract: "Not built yet.")

  func run() throws {
    throw ValidationError("'plan' is not built yet")
  }
}
