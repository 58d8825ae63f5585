import Foundation

/// The processor count, kept apart so the runner's options stay free of Foundation.
enum ProcessInfoCores {
  static var active: Int { ProcessInfo.processInfo.activeProcessorCount }
}
