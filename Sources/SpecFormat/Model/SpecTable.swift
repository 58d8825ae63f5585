import RunResults
import Support

/// A GFM table preceded by a directive (`<!-- lora-spec: match -->`): each row is a case.
public struct SpecTable: Sendable, Hashable {
  /// The directive before the table.
  public var directive: Directive
  /// The column headers, as written (inline code and emphasis reduced to their text).
  public var headers: [String]
  /// The body rows in order.
  public var rows: [TableRow]
  /// The file and the line of the table's header row.
  public var location: InputLocation

  public init(directive: Directive, headers: [String], rows: [TableRow], location: InputLocation) {
    self.directive = directive
    self.headers = headers
    self.rows = rows
    self.location = location
  }
}

/// One body row of an example table.
public struct TableRow: Sendable, Hashable {
  /// The 1-based row number (header excluded).
  public var number: Int
  /// The column headers (the same for every row of a table).
  public var headers: [String]
  /// The cell texts, one per header (missing cells are empty strings).
  public var cells: [String]
  /// The file and the line of the row.
  public var location: InputLocation

  public init(number: Int, headers: [String], cells: [String], location: InputLocation) {
    self.number = number
    self.headers = headers
    self.cells = cells
    self.location = location
  }

  /// The cell under `header`, or `nil` when the table has no such column.
  public subscript(header: String) -> String? {
    guard let index = headers.firstIndex(of: header), index < cells.count else { return nil }
    return cells[index]
  }

  /// `row 3: key=value` with the first column, as used in case names.
  public var label: String {
    guard let header = headers.first, let cell = cells.first else { return "row \(number)" }
    return "row \(number): \(header)=\(cell)"
  }
}
