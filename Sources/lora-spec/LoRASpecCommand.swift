import ArgumentParser
import Foundation

/// The `lora-spec` command line: executable Markdown specifications of LoRA injection.
@main
struct LoRASpecCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lora-spec",
    abstract: "Executable, literate specifications of LoRA adapter injection (PEFT 0.21 semantics).",
    version: LoRASpecVersion.current,
    subcommands: [
      RunCommand.self, PlanCommand.self, DocsCommand.self, BenchCommand.self, JUnitMergeCommand.self,
      AdapterCommand.self,
    ]
  )

  /// Runs the command; usage errors (unknown option, missing argument) exit with 2, as the
  /// CLI contract says, instead of ArgumentParser's 64.
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        exit(withError: ExitCode(2))
      }
      exit(withError: error)
    }
  }
}

/// The tool's version, written into reports.
enum LoRASpecVersion {
  static let current = "0.1.0"
}
