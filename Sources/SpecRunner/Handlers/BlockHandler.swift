import SpecFormat

/// Runs a non-expect block (`model`, `lora`, `do`): reads `block.body` and changes the
/// scenario's state in `context`.
///
/// Throw `SpecError` (or any error) when the block is broken: the scenario ends as
/// `error` with the message at the error's location (or the block's line). A state the
/// spec wants to check later (an engine error for `expect error`) belongs in `context`
/// instead of being thrown.
public protocol BlockHandler: Sendable {
  func run(_ block: SpecBlock, in context: inout ScenarioContext) throws
}

/// Checks an `expect <kind>` block against the scenario's state.
///
/// Return `.pass`/`.fail` with the `actual` text (what the body should say; `--update`
/// writes it into the block) and, optionally, an explanation `diff` (default: a unified
/// diff of the body against `actual`). Throw for a broken block (`error`).
public protocol ExpectationHandler: Sendable {
  func check(_ block: SpecBlock, in context: inout ScenarioContext) throws -> ExpectationResult
}

/// Checks one row of an example table (`<!-- lora-spec: NAME -->` before a GFM table).
///
/// Each row gets its own copy of the context as it was when the table was reached (the
/// background and the blocks above the table have run), and its own test case.
public protocol TableRowHandler: Sendable {
  func check(_ row: TableRow, of table: SpecTable, in context: inout ScenarioContext) throws -> ExpectationResult
}

/// A `BlockHandler` made from a closure.
public struct ClosureBlockHandler: BlockHandler {
  let body: @Sendable (SpecBlock, inout ScenarioContext) throws -> Void

  public init(_ body: @escaping @Sendable (SpecBlock, inout ScenarioContext) throws -> Void) {
    self.body = body
  }

  public func run(_ block: SpecBlock, in context: inout ScenarioContext) throws {
    try body(block, &context)
  }
}

/// An `ExpectationHandler` made from a closure.
public struct ClosureExpectationHandler: ExpectationHandler {
  let body: @Sendable (SpecBlock, inout ScenarioContext) throws -> ExpectationResult

  public init(_ body: @escaping @Sendable (SpecBlock, inout ScenarioContext) throws -> ExpectationResult) {
    self.body = body
  }

  public func check(_ block: SpecBlock, in context: inout ScenarioContext) throws -> ExpectationResult {
    try body(block, &context)
  }
}

/// A `TableRowHandler` made from a closure.
public struct ClosureTableRowHandler: TableRowHandler {
  let body: @Sendable (TableRow, SpecTable, inout ScenarioContext) throws -> ExpectationResult

  public init(_ body: @escaping @Sendable (TableRow, SpecTable, inout ScenarioContext) throws -> ExpectationResult) {
    self.body = body
  }

  public func check(_ row: TableRow, of table: SpecTable, in context: inout ScenarioContext) throws
    -> ExpectationResult
  {
    try body(row, table, &context)
  }
}
