import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes output files so that a reader never sees half a file: the bytes go to a temporary
/// file beside the target, which is then renamed over it.
///
/// - A symbolic link is followed: its target is replaced, never the link itself.
/// - A character device (`/dev/null`) or a pipe with a reader (`/dev/stdout` in a pipeline) is
///   written through in place; it is never replaced by a regular file. A FIFO nobody reads
///   from, a directory or a socket is refused with a message (never a blocked run).
/// - Temporary files are removed when the write fails, and leftovers of a killed run (named
///   `.NAME.*.tmp`, older than a minute) are removed on the next write of the same file.
/// - Two runs writing the same path each rename a complete file: the last rename wins.
public enum AtomicFile {
  /// Why a file could not be written: the path as given and the reason.
  public struct WriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path as the caller gave it.
    public var path: String
    /// What went wrong, in words (no error domains or codes).
    public var reason: String

    /// `PATH: cannot write: REASON`.
    public var description: String { "\(path): cannot write: \(reason)" }
  }

  /// Writes `data` to `path`, creating parent directories, replacing the file atomically.
  public static func write(_ data: Data, to path: String) throws(WriteError) {
    let target = resolvedTarget(path)
    var status = stat()
    if lstat(target, &status) == 0 {
      switch status.st_mode & S_IFMT {
      case S_IFREG: break
      case S_IFCHR, S_IFIFO: return try writeThrough(data, to: target, reported: path)
      case S_IFDIR: throw WriteError(path: path, reason: "it is a directory; give a file name")
      default: throw WriteError(path: path, reason: "it is not a regular file")
      }
    }
    let url = URL(fileURLWithPath: target)
    let directory = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw WriteError(path: path, reason: "cannot create the folder \(directory.path)")
    }
    removeStaleTemporaries(of: url)
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
    do {
      try writeNew(data, to: temporary, reported: path)
    } catch {
      unlink(temporary)
      throw error
    }
    guard rename(temporary, target) == 0 else {
      let reason = systemReason()
      unlink(temporary)
      throw WriteError(path: path, reason: "cannot replace the file: \(reason)")
    }
  }

  /// `path` with symbolic links followed (up to 32), so the link's target is what gets replaced.
  static func resolvedTarget(_ path: String) -> String {
    var current = path
    for _ in 0..<32 {
      var status = stat()
      guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK,
        let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current)
      else { return current }
      current =
        destination.hasPrefix("/")
        ? destination
        : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(destination).path
    }
    return current
  }

  private static func writeNew(_ data: Data, to temporary: String, reported: String) throws(WriteError) {
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw WriteError(path: reported, reason: systemReason()) }
    defer { close(descriptor) }
    try writeAll(data, to: descriptor, reported: reported)
  }

  /// A device or a pipe is written in place. Opening does not wait: a FIFO nobody reads from
  /// is refused at once instead of blocking the run.
  private static func writeThrough(_ data: Data, to target: String, reported: String) throws(WriteError) {
    let descriptor = open(target, O_WRONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else {
      if errno == ENXIO { throw WriteError(path: reported, reason: "it is a FIFO (named pipe) that nobody reads from") }
      throw WriteError(path: reported, reason: systemReason())
    }
    defer { close(descriptor) }
    let flags = fcntl(descriptor, F_GETFL)
    if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
    try writeAll(data, to: descriptor, reported: reported)
  }

  private static func writeAll(_ data: Data, to descriptor: Int32, reported: String) throws(WriteError) {
    let failure: String? = data.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        guard let base = buffer.baseAddress else { return nil }
        let written = systemWrite(descriptor, base + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return systemReason()
        }
        offset += written
      }
      return nil
    }
    if let failure { throw WriteError(path: reported, reason: failure) }
  }

  private static func removeStaleTemporaries(of url: URL) {
    let directory = url.deletingLastPathComponent()
    let prefix = ".\(url.lastPathComponent)."
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
    let cutoff = Date().addingTimeInterval(-60)
    for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
      let path = directory.appendingPathComponent(name).path
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
        let modified = attributes[.modificationDate] as? Date, modified < cutoff
      else { continue }
      unlink(path)
    }
  }

  private static func systemReason() -> String { InputFile.reason(errno) }
}

#if canImport(Glibc)
  private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    Glibc.write(descriptor, buffer, count)
  }
#else
  private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    Darwin.write(descriptor, buffer, count)
  }
#endif
