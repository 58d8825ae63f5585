/// Owned, 64-byte aligned Float32 memory filled with seeded values in [-1, 1), for benchmarks.
///
/// Public so spec handlers (`bench` blocks) time kernels on the same buffers as `lora-spec bench`.
public final class BenchBuffer {
  /// The first element.
  public let pointer: UnsafeMutablePointer<Float>
  /// Elements.
  public let count: Int

  /// Allocates `count` floats in [-1, 1) × `scale` from a generator seeded with `seed`.
  public init(count: Int, seed: UInt64, scale: Float = 1) {
    self.count = count
    let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * 4, alignment: 64)
    pointer = raw.bindMemory(to: Float.self, capacity: max(1, count))
    var state = seed
    for i in 0..<count {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      pointer[i] = (Float(state >> 40) / Float(1 << 23) - 1) * scale
    }
  }

  /// The same memory, read-only.
  public var constant: UnsafePointer<Float> { UnsafePointer(pointer) }

  deinit { pointer.deallocate() }
}
