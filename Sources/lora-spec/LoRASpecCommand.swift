import ArgumentParser

/// The `lora-spec` command line: executable Markdown specifications of LoRA injection.
@main
struct LoRASpecCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lora-spec",
    abstract: "Executable, literate specifications of LoRA adapter injection (PEFT 0.21 semantics).",
    version: LoRASpecVersion.current,
    subcommands: [RunCommand.self, PlanCommand.self, DocsCommand.self, BenchCommand.self, JUnitMergeCommand.self, AdapterCommand.self]
  )
}

/// The tool's version, written into reports.
enum LoRASpecVersion {
  static let current = "0.1.0"
}
