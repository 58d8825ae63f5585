/// `--shard K/N`: run the K-th of N parts (1-based). Suites are assigned by a stable
/// hash of their file path, so a file always lands in the same shard whatever else
/// changes.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
  /// The 1-based shard to run.
  public var index: Int
  /// The number of shards.
  public var count: Int

  /// A shard, or `nil` unless `1 <= index <= count`.
  public init?(index: Int, count: Int) {
    guard count >= 1, index >= 1, index <= count else { return nil }
    self.index = index
    self.count = count
  }

  /// Parses `K/N`; `nil` for anything else.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
    self.init(index: index, count: count)
  }

  /// `K/N`.
  public var description: String { "\(index)/\(count)" }

  /// Whether the suite at `path` belongs to this shard.
  public func contains(path: String) -> Bool {
    Int(Self.fnv1a(path) % UInt64(count)) == index - 1
  }

  /// FNV-1a, 64-bit, over the UTF-8 bytes: stable across runs and platforms.
  static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }
}
