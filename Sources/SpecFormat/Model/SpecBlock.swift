import RunResults
import Support

/// An executable fenced block: its info string starts with a registered keyword.
public struct SpecBlock: Sendable, Hashable {
  /// The keyword (`model`, `lora`, `do`, `expect`, ...).
  public var kind: String
  /// The rest of the info string, split into arguments.
  public var arguments: BlockArguments
  /// The whole info string as written.
  public var info: String
  /// The body: the text between the fences, without the fence's indentation, with `\n`
  /// line ends. Empty for an empty block.
  public var body: String
  /// The file and the line of the opening fence.
  public var location: InputLocation
  /// The 1-based line of the body's first line (the line after the opening fence).
  public var bodyLine: Int
  /// The UTF-8 byte range of the body's lines in the source file, fence lines excluded
  /// (empty, at the closing fence, when the block is empty). `--update` replaces exactly
  /// these bytes.
  public var bodyRange: Range<Int>
  /// The indentation of the opening fence, repeated on every rewritten body line.
  public var indentation: Int
  /// Whether `--update` may rewrite the body: false inside lists and block quotes, where
  /// body lines carry container prefixes.
  public var isRewritable: Bool

  public init(
    kind: String, arguments: BlockArguments = BlockArguments(), info: String? = nil, body: String,
    location: InputLocation, bodyLine: Int? = nil, bodyRange: Range<Int> = 0..<0, indentation: Int = 0,
    isRewritable: Bool = true
  ) {
    self.kind = kind
    self.arguments = arguments
    self.info = info ?? kind
    self.body = body
    self.location = location
    self.bodyLine = bodyLine ?? ((location.line ?? 0) + 1)
    self.bodyRange = bodyRange
    self.indentation = indentation
    self.isRewritable = isRewritable
  }

  /// The first positional argument: the expectation kind of `expect adapted`.
  public var subkind: String? { arguments.positional.first }

  /// `kind` plus the sub-kind, as written in messages: `expect adapted`, `lora`.
  public var title: String { subkind.map { "\(kind) \($0)" } ?? kind }

  /// Whether the body holds nothing but white space.
  public var isEmpty: Bool { body.allSatisfy(\.isWhitespace) }

  /// The location of the body's `n`th line (1-based), for errors found inside the body
  /// (a YAML error at line 3 of the body is at `bodyLine + 2` in the file).
  public func location(ofBodyLine n: Int) -> InputLocation {
    InputLocation(file: location.file, line: bodyLine + max(n, 1) - 1)
  }
}
