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

  /// Runs the command and translates every failure, in this one place: a `CommandFailure` to
  /// its message and status; ArgumentParser's parse errors (unknown option, missing argument,
  /// wrong value) to `error: MESSAGE`, the usage line and a pointer to `--help`, with status 2
  /// as the CLI contract says, instead of ArgumentParser's 64.
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let failure as CommandFailure {
      failure.exit()
    } catch {
      if exitCode(for: error) == .validationFailure {
        Diagnostics.write(usageErrorText(for: error))
        exit(withError: ExitCode(2))
      }
      exit(withError: error)
    }
  }

  /// A parse or validation error as our own errors print: `error: MESSAGE`, then ArgumentParser's
  /// usage line and its `See '... --help'` hint (without the help text of the offending option).
  static func usageErrorText(for error: any Error) -> String {
    let full = fullMessage(for: error)
    let usage = full.range(of: "Usage:").map { String(full[$0.lowerBound...]) } ?? ""
    return ["error: \(message(for: error))", usage].filter { !$0.isEmpty }.joined(separator: "\n")
  }
}

/// The tool's version, written into reports.
enum LoRASpecVersion {
  static let current = "0.1.0"
}
