/// Line and column of a byte offset in UTF-8 text, for error messages.
public enum TextPosition {
  /// The 1-based line and column of `offset` in `bytes` (columns count bytes; an offset past
  /// the end is the position after the last byte).
  public static func of<Bytes: Collection<UInt8>>(offset: Int, in bytes: Bytes) -> (line: Int, column: Int) {
    var line = 1
    var column = 1
    for b in bytes.prefix(max(0, offset)) {
      if b == 0x0A {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return (line, column)
  }
}
