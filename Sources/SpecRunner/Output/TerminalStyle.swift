import Foundation
import RunResults

/// Colour for human output: on a terminal only, and never when `NO_COLOR` is set.
public struct TerminalStyle: Sendable {
  /// Whether escapes are written.
  public var colored: Bool

  public init(colored: Bool) {
    self.colored = colored
  }

  /// Colour when `fileDescriptor` is a terminal and `NO_COLOR` is unset or empty.
  public static func detect(
    fileDescriptor: Int32 = 1, environment: [String: String] = ProcessInfo.processInfo.environment
  )
    -> TerminalStyle
  {
    let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    return TerminalStyle(colored: !noColor && isatty(fileDescriptor) == 1)
  }

  func paint(_ text: String, _ code: String) -> String {
    colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  func label(_ code: ResultCode) -> String {
    let text = code.label.padding(toLength: 5, withPad: " ", startingAt: 0)
    switch code {
    case .pass: return paint(text, "32")
    case .fail, .error, .xpass: return paint(text, "1;31")
    case .skipped, .xfail: return paint(text, "33")
    }
  }

  func bold(_ text: String) -> String { paint(text, "1") }
  func dim(_ text: String) -> String { paint(text, "2") }
}
