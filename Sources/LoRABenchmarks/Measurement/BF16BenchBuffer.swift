/// Owned, 64-byte aligned bf16 bit patterns (the upper halves of a ``BenchBuffer``'s floats),
/// the weights of the bf16 rows.
final class BF16BenchBuffer {
  let pointer: UnsafeMutablePointer<UInt16>

  /// Truncates every float of `source` to bf16.
  init(_ source: BenchBuffer) {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, source.count) * 2, alignment: 64)
    pointer = raw.bindMemory(to: UInt16.self, capacity: max(1, source.count))
    for i in 0..<source.count { pointer[i] = UInt16(truncatingIfNeeded: source.pointer[i].bitPattern >> 16) }
  }

  var constant: UnsafePointer<UInt16> { UnsafePointer(pointer) }

  deinit { pointer.deallocate() }
}
