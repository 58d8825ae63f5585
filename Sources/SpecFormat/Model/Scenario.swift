import RunResults
import Support

/// A `##` section: one test case (or one per row of its example tables).
public struct Scenario: Sendable, Hashable {
  /// The heading text.
  public var heading: String
  /// The case name: the heading, with ` (2)`, ` (3)` appended to repeated headings.
  public var name: String
  /// The file and the line of the heading.
  public var location: InputLocation
  /// The executable blocks and tables in order.
  public var items: [SpecItem]
  /// Tags from `<!-- lora-spec: tags ... -->` in this section.
  public var tags: [String]
  /// The reason from `<!-- lora-spec: skip ... -->`, when the scenario is skipped.
  public var skip: String?
  /// The reason from `<!-- lora-spec: xfail ... -->`, when the scenario is expected to fail.
  public var xfail: String?
  /// Problems in this section's Markdown (unknown block kind, duplicate name, ...).
  public var diagnostics: [SpecDiagnostic]
  /// The 1-based line of the last line of the section.
  public var endLine: Int

  public init(
    heading: String, name: String? = nil, location: InputLocation, items: [SpecItem] = [], tags: [String] = [],
    skip: String? = nil, xfail: String? = nil, diagnostics: [SpecDiagnostic] = [], endLine: Int? = nil
  ) {
    self.heading = heading
    self.name = name ?? heading
    self.location = location
    self.items = items
    self.tags = tags
    self.skip = skip
    self.xfail = xfail
    self.diagnostics = diagnostics
    self.endLine = endLine ?? (location.line ?? 0)
  }

  /// The blocks of the scenario, tables left out.
  public var blocks: [SpecBlock] {
    items.compactMap { if case .block(let block) = $0 { block } else { nil } }
  }

  /// The example tables of the scenario.
  public var tables: [SpecTable] {
    items.compactMap { if case .table(let table) = $0 { table } else { nil } }
  }

  /// Whether the section has anything to run; a section of prose only is not a test case.
  public var isRunnable: Bool { !items.isEmpty || !diagnostics.isEmpty }
}
