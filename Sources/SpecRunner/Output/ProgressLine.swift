import Foundation

/// A one-line progress display on standard error for long runs: shown only on a
/// terminal, and only once the run has taken longer than `delay` seconds.
public final class ProgressLine: @unchecked Sendable {
  private let lock = NSLock()
  private let enabled: Bool
  private let delay: Double
  private let started = Date()
  private var shown = false

  /// A progress line on standard error when it is a terminal (`enabled` overrides).
  public init(enabled: Bool? = nil, delay: Double = 1.0) {
    self.enabled = enabled ?? (isatty(2) == 1)
    self.delay = delay
  }

  /// Shows `progress` (replacing the previous line).
  public func update(_ progress: RunProgress) {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    guard Date().timeIntervalSince(started) >= delay else { return }
    let text = "[\(progress.completed)/\(progress.total)] \(progress.file): \(progress.scenario)"
    write("\r\u{1B}[K" + String(text.prefix(120)))
    shown = true
  }

  /// Clears the line.
  public func finish() {
    lock.lock()
    defer { lock.unlock() }
    if shown { write("\r\u{1B}[K") }
    shown = false
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
