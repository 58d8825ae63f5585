import Foundation
import Testing

@testable import Support

@Suite struct AtomicFileTests {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-file-\(UUID().uuidString)")

  init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  @Test func writesCreatingFoldersAndLeavesNoTemporaryFile() throws {
    try AtomicFile.write(Data("one".utf8), to: path("sub/report.xml"))
    #expect(try String(contentsOfFile: path("sub/report.xml"), encoding: .utf8) == "one")
    #expect(try FileManager.default.contentsOfDirectory(atPath: path("sub")) == ["report.xml"])
  }

  @Test func aSymbolicLinkIsFollowedNotReplaced() throws {
    try Data("old".utf8).write(to: URL(fileURLWithPath: path("target.xml")))
    try FileManager.default.createSymbolicLink(atPath: path("link.xml"), withDestinationPath: path("target.xml"))
    try AtomicFile.write(Data("new".utf8), to: path("link.xml"))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.xml")) == path("target.xml"))
    #expect(try String(contentsOfFile: path("target.xml"), encoding: .utf8) == "new")
  }

  @Test func aCharacterDeviceIsWrittenThroughAndAnUnreadFIFOOrADirectoryRefusedWithoutBlocking() throws {
    try AtomicFile.write(Data("discarded".utf8), to: "/dev/null")
    var status = stat()
    #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    #expect(mkfifo(path("fifo"), 0o600) == 0)
    #expect(
      throws: AtomicFile.WriteError(path: path("fifo"), reason: "it is a FIFO (named pipe) that nobody reads from")
    ) {
      try AtomicFile.write(Data(), to: path("fifo"))
    }
    #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write(Data(), to: directory.path) }
  }

  @Test func aFIFOWithAReaderIsWrittenThrough() throws {
    #expect(mkfifo(path("pipe"), 0o600) == 0)
    let reader = open(path("pipe"), O_RDONLY | O_NONBLOCK)
    #expect(reader >= 0)
    defer { close(reader) }
    try AtomicFile.write(Data("through".utf8), to: path("pipe"))
    var buffer = [UInt8](repeating: 0, count: 16)
    let count = read(reader, &buffer, 16)
    #expect(count == 7 && String(decoding: buffer.prefix(7), as: UTF8.self) == "through")
    var status = stat()
    #expect(lstat(path("pipe"), &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
  }

  @Test func staleTemporariesOfAKilledRunAreRemoved() throws {
    let stale = path(".report.xml.DEAD.tmp")
    try Data("half".utf8).write(to: URL(fileURLWithPath: stale))
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: stale)
    try AtomicFile.write(Data("whole".utf8), to: path("report.xml"))
    #expect(!FileManager.default.fileExists(atPath: stale))
  }
}
