import SpecFormat

/// A rewrite `--update` may make: the body of an expect block replaced by the actual result.
public struct BlockUpdate: Sendable, Hashable {
  /// The block as parsed (file, body byte range, indentation).
  public var block: SpecBlock
  /// The new body text (`\n` line ends, no indentation).
  public var newBody: String

  public init(block: SpecBlock, newBody: String) {
    self.block = block
    self.newBody = newBody
  }
}
