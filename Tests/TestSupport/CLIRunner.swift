import Foundation

/// Runs the built `lora-spec` executable, for end-to-end tests of the command line.
public enum CLIRunner {
  /// What a run of the executable produced.
  public struct Output: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
  }

  /// The `lora-spec` binary in the products folder beside the test bundle (SwiftPM
  /// builds it there), or `nil` when it is missing.
  public static var executable: URL? {
    var candidates: [URL] = []
    if let path = Bundle.main.executableURL?.deletingLastPathComponent() { candidates.append(path) }
    if let first = CommandLine.arguments.first {
      candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent())
    }
    for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
    candidates.append(RepositoryPaths.file(".build/debug"))
    for directory in candidates {
      let url = directory.appendingPathComponent("lora-spec")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }

  /// Runs `lora-spec arguments...` in `directory` with `environment` added to (or, for
  /// empty values, removed from) the current environment.
  public static func run(
    _ arguments: [String], in directory: URL, environment: [String: String] = [:]
  ) throws -> Output {
    guard let executable else { throw CocoaError(.fileNoSuchFile) }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment {
      if value.isEmpty { env.removeValue(forKey: key) } else { env[key] = value }
    }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    let stderrData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
      stderr: String(decoding: stderrData, as: UTF8.self))
  }
}
