import BenchRegression

/// Why a command did not succeed. Every command throws this instead of printing an error and
/// exiting itself; `LoRASpecCommand.main` turns it into stderr text and an exit status, in one place.
///
/// Exit statuses follow the README: 1 when the engine refuses or the report lists failures,
/// 2 for a usage error or an input or output that cannot be read or written, and the
/// documented codes for a benchmark comparison.
enum CommandFailure: Error {
  /// A wrong option value or combination of options (exit 2).
  case usage(String)
  /// An input that cannot be read or parsed; the message names it (exit 2).
  case unreadableInput(String)
  /// An output file that cannot be written; the message names it (exit 2).
  case unwritableOutput(String)
  /// The engine refused the request as PEFT would raise: `error: TYPE: MESSAGE` (exit 1).
  case engineFailure(type: String, message: String)
  /// The report already printed lists failures: failed specs, an adapter that does not fit (exit 1).
  case failuresInReport
  /// The report already printed names inputs it could not read (exit 2).
  case unreadableInputInReport
  /// A benchmark comparison's verdict, with its documented status (0, 2, 3 or 4).
  case benchmarkVerdict(RegressionExitStatus)
  /// A failure the command's machine-readable output describes (`plan --format json`): the text
  /// goes to stdout in place of the stderr message, the status is the wrapped failure's.
  indirect case describedInOutput(String, CommandFailure)

  /// The process exit status.
  var exitStatus: Int32 {
    switch self {
    case .usage, .unreadableInput, .unwritableOutput, .unreadableInputInReport: 2
    case .engineFailure, .failuresInReport: 1
    case .benchmarkVerdict(let status): status.rawValue
    case .describedInOutput(_, let failure): failure.exitStatus
    }
  }

  /// The line written to stderr, or `nil` when the output already said it.
  var errorMessage: String? {
    switch self {
    case .usage(let message), .unreadableInput(let message), .unwritableOutput(let message): "error: \(message)"
    case .engineFailure(let type, let message): "error: \(type): \(message)"
    case .failuresInReport, .unreadableInputInReport, .benchmarkVerdict, .describedInOutput: nil
    }
  }

  /// The text written to stdout, when the command's output describes the failure.
  var output: String? {
    if case .describedInOutput(let text, _) = self { return text }
    return nil
  }
}
