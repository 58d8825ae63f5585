import ArgumentParser
import Foundation

extension CommandFailure {
  /// Writes the failure (stdout text or stderr line) and ends the process with its status.
  func exit() -> Never {
    if let output { print(output) }
    if let errorMessage { Diagnostics.write(errorMessage) }
    LoRASpecCommand.exit(withError: ExitCode(exitStatus))
  }
}
