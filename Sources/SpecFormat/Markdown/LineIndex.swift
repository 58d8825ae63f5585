/// Byte offsets of the lines of a UTF-8 text (1-based lines, `\n` separated).
struct LineIndex {
  /// The UTF-8 bytes.
  let bytes: [UInt8]
  /// `starts[i]` is the byte offset of line `i + 1`.
  private(set) var starts: [Int] = [0]

  init(_ text: String) {
    bytes = Array(text.utf8)
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
  }

  /// The number of lines (a final `\n` starts an empty last line).
  var count: Int { starts.count }

  /// The byte offset where line `n` starts; the end of the text past the last line.
  func start(ofLine n: Int) -> Int {
    guard n >= 1 else { return 0 }
    return n <= starts.count ? starts[n - 1] : bytes.count
  }

  /// The text of line `n` without its `\n` (and `\r`), or `""` past the end.
  func text(ofLine n: Int) -> String {
    guard n >= 1, n <= starts.count else { return "" }
    var end = start(ofLine: n + 1)
    if end > starts[n - 1], end <= bytes.count, end > 0, bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
    if end > starts[n - 1], bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return String(decoding: bytes[starts[n - 1]..<end], as: UTF8.self)
  }

  /// Whether line `n` holds only white space.
  func isBlank(line n: Int) -> Bool { text(ofLine: n).allSatisfy(\.isWhitespace) }
}
