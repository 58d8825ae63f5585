import Foundation
import Testing

@testable import Support

@Suite struct InputFileTests {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("input-file-\(UUID().uuidString)")

  init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  @Test func readsARegularFile() throws {
    try Data("hello".utf8).write(to: URL(fileURLWithPath: path("a.txt")))
    #expect(try InputFile.read(path("a.txt")) == Data("hello".utf8))
  }

  @Test func missingDirectoriesLoopsAndFIFOsGetReasonsInWords() throws {
    #expect(throws: InputFile.ReadError(path: path("none"), reason: "no such file or directory")) {
      try InputFile.read(path("none"))
    }
    #expect(throws: InputFile.ReadError(path: directory.path, reason: "is a directory, not a file")) {
      try InputFile.read(directory.path)
    }
    try FileManager.default.createSymbolicLink(atPath: path("loop1"), withDestinationPath: path("loop2"))
    try FileManager.default.createSymbolicLink(atPath: path("loop2"), withDestinationPath: path("loop1"))
    #expect(throws: InputFile.ReadError(path: path("loop1"), reason: "a loop of symbolic links")) {
      try InputFile.read(path("loop1"))
    }
    #expect(mkfifo(path("fifo"), 0o600) == 0)
    #expect {
      try InputFile.read(path("fifo"))
    } throws: { error in
      "\(error)".contains("not a regular file")
    }
  }

  @Test func filesOverTheLimitAreRefused() throws {
    try Data(repeating: 0, count: 100).write(to: URL(fileURLWithPath: path("big")))
    #expect(throws: InputFile.ReadError.self) { try InputFile.read(path("big"), limit: 10) }
  }
}
