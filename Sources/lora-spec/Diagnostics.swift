import Foundation

/// Lines for stderr: warnings and progress, which do not end a command.
enum Diagnostics {
  /// Writes `line` and a newline to stderr.
  static func write(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// Writes `warning: MESSAGE` to stderr.
  static func warning(_ message: String) {
    write("warning: \(message)")
  }
}
