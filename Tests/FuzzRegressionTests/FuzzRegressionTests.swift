import Foundation
import TestSupport
import Testing

/// Inputs that once crashed, hung or exhausted memory (found by fuzzing or by hand), replayed
/// through the fuzz targets in an ordinary build: each must come back, error or not.
@Suite struct FuzzRegressionTests {
  static let inputs = RepositoryPaths.file("Tests/FuzzRegressionTests/Inputs")

  static var targets: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: inputs.path)) ?? []).sorted()
  }

  static var replay: URL? {
    CLIRunner.executable.map { $0.deletingLastPathComponent().appendingPathComponent("lora-spec-fuzz") }
  }

  @Test(arguments: FuzzRegressionTests.targets)
  func everyRecordedInputRunsThroughItsTargetWithoutCrashing(target: String) throws {
    let replay = try #require(Self.replay)
    let folder = Self.inputs.appendingPathComponent(target)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      .map { folder.appendingPathComponent($0).path }
    let process = Process()
    process.executableURL = replay
    process.arguments = [target] + files
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(target): \(text)")
    #expect(text.contains("\(files.count) inputs ran through \(target)"))
  }
}
