import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads an input file with reasons a user can act on: "no such file", "is a directory",
/// "permission denied", "a symbolic-link loop", "not a regular file" (a FIFO or device would
/// block or never end) or "larger than the limit" — never an error domain and code.
public enum InputFile {
  /// Why a file could not be read: the path as given and the reason.
  public struct ReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The path as the caller gave it.
    public var path: String
    /// What went wrong, in words.
    public var reason: String

    /// `PATH: REASON`.
    public var description: String { "\(path): \(reason)" }
  }

  /// The bytes of the regular file at `path`, refusing files larger than `limit` bytes.
  public static func read(_ path: String, limit: Int = 1 << 30) throws(ReadError) -> Data {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { throw ReadError(path: path, reason: reason(errno)) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw ReadError(path: path, reason: reason(errno)) }
    switch status.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: throw ReadError(path: path, reason: "is a directory, not a file")
    default: throw ReadError(path: path, reason: "is not a regular file (a FIFO, socket or device); give a file")
    }
    let size = Int(status.st_size)
    guard size <= limit else {
      throw ReadError(path: path, reason: "is \(size) bytes, more than the \(limit) this input may have")
    }
    var data = Data(count: size)
    var offset = 0
    let failure: Int32? = data.withUnsafeMutableBytes { buffer in
      guard let base = buffer.baseAddress else { return nil }
      while offset < size {
        let count = systemRead(descriptor, base + offset, size - offset)
        if count < 0 {
          if errno == EINTR { continue }
          return errno
        }
        if count == 0 { break }
        offset += count
      }
      return nil
    }
    if let failure { throw ReadError(path: path, reason: reason(failure)) }
    return data.prefix(offset)
  }

  /// The words for a system error number (reading and writing say it the same way).
  static func reason(_ code: Int32) -> String {
    switch code {
    case ENOENT: "no such file or directory"
    case EACCES, EPERM: "permission denied"
    case ELOOP: "a loop of symbolic links"
    case ENAMETOOLONG: "the path is too long"
    case ENOTDIR: "a part of the path is not a directory"
    case EISDIR: "is a directory, not a file"
    default: String(cString: strerror(code))
    }
  }
}

#if canImport(Glibc)
  private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    Glibc.read(descriptor, buffer, count)
  }
#else
  private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    Darwin.read(descriptor, buffer, count)
  }
#endif
