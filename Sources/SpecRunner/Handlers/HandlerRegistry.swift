import SpecFormat

/// The block kinds, expectation kinds and table directives a runner understands, each
/// with its handler. `SpecRunner` knows nothing about LoRA: `LoRASpecs` fills a registry.
public struct HandlerRegistry: Sendable {
  /// An expectation handler and whether an empty body is a valid expectation.
  struct Expectation: Sendable {
    var handler: any ExpectationHandler
    var allowsEmptyBody: Bool
  }

  private(set) var blocks: [String: any BlockHandler] = [:]
  private(set) var expectations: [String: Expectation] = [:]
  private(set) var checkingBlocks: [String: any ExpectationHandler] = [:]
  private(set) var tables: [String: any TableRowHandler] = [:]
  /// Front matter keys beyond `tags`, `skip`, `xfail`, `peft` that handlers read.
  public var extraFrontMatterKeys: Set<String> = []

  /// The keyword of expectation blocks.
  public static let expectKeyword = "expect"

  public init() {}

  /// Registers the handler of blocks whose info string starts with `kind`.
  public mutating func register(block kind: String, _ handler: some BlockHandler) {
    blocks[kind] = handler
  }

  /// Registers a closure for blocks whose info string starts with `kind`.
  public mutating func register(
    block kind: String, _ body: @escaping @Sendable (SpecBlock, inout ScenarioContext) throws -> Void
  ) {
    blocks[kind] = ClosureBlockHandler(body)
  }

  /// Registers a block kind of its own (not `expect <kind>`) that checks something, such as
  /// `bench`: its handler's result passes or fails the case like an expectation's. These
  /// blocks are never rewritten by `--update`; an empty body is for the handler to reject.
  public mutating func register(checkingBlock kind: String, _ handler: some ExpectationHandler) {
    checkingBlocks[kind] = handler
  }

  /// Registers a closure for checking blocks of kind `kind` (see `register(checkingBlock:_:)`).
  public mutating func register(
    checkingBlock kind: String,
    _ body: @escaping @Sendable (SpecBlock, inout ScenarioContext) throws -> ExpectationResult
  ) {
    register(checkingBlock: kind, ClosureExpectationHandler(body))
  }

  /// Registers the handler of `expect <kind>` blocks. An empty body is an error
  /// ("nothing to check") unless `allowsEmptyBody`.
  public mutating func register(
    expectation kind: String, allowsEmptyBody: Bool = false, _ handler: some ExpectationHandler
  ) {
    expectations[kind] = Expectation(handler: handler, allowsEmptyBody: allowsEmptyBody)
  }

  /// Registers a closure for `expect <kind>` blocks.
  public mutating func register(
    expectation kind: String, allowsEmptyBody: Bool = false,
    _ body: @escaping @Sendable (SpecBlock, inout ScenarioContext) throws -> ExpectationResult
  ) {
    register(expectation: kind, allowsEmptyBody: allowsEmptyBody, ClosureExpectationHandler(body))
  }

  /// Registers the handler of tables after `<!-- lora-spec: NAME -->`.
  public mutating func register(table directive: String, _ handler: some TableRowHandler) {
    tables[directive] = handler
  }

  /// Registers a closure for the rows of tables after `<!-- lora-spec: NAME -->`.
  public mutating func register(
    table directive: String,
    _ body: @escaping @Sendable (TableRow, SpecTable, inout ScenarioContext) throws -> ExpectationResult
  ) {
    tables[directive] = ClosureTableRowHandler(body)
  }

  /// The registered block kinds (plus `expect` once an expectation is registered).
  public var blockKinds: Set<String> {
    var kinds = Set(blocks.keys).union(checkingBlocks.keys)
    if !expectations.isEmpty { kinds.insert(Self.expectKeyword) }
    return kinds
  }

  /// The registered expectation kinds (`adapted`, `trainable`, ...).
  public var expectationKinds: Set<String> { Set(expectations.keys) }

  /// The registered table directives.
  public var tableDirectives: Set<String> { Set(tables.keys) }

  /// The syntax the parser needs to recognise these handlers' blocks.
  public var syntax: SpecSyntax {
    SpecSyntax(
      blockKinds: blockKinds, tableDirectives: tableDirectives,
      frontMatterKeys: SpecSyntax.standardFrontMatterKeys.union(extraFrontMatterKeys))
  }

  /// The handler of blocks of `kind`, for tools that run set-up blocks on their own.
  public func blockHandler(_ kind: String) -> (any BlockHandler)? { blocks[kind] }
  func expectation(_ kind: String) -> Expectation? { expectations[kind] }
  func checkingBlock(_ kind: String) -> (any ExpectationHandler)? { checkingBlocks[kind] }
  func tableHandler(_ directive: String) -> (any TableRowHandler)? { tables[directive] }
}
