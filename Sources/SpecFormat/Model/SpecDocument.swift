import RunResults

/// One parsed spec file: a suite.
public struct SpecDocument: Sendable, Hashable {
  /// The file path as reported (relative to the working directory when possible).
  public var file: String
  /// The exact source text (front matter included).
  public var source: String
  /// The first `#` heading.
  public var title: String?
  /// The front matter, when the file starts with `---`.
  public var frontMatter: FrontMatter?
  /// Blocks and tables before the first `##`: run before every scenario.
  public var background: [SpecItem]
  /// The `##` sections that have something to run, in order.
  public var scenarios: [Scenario]
  /// Problems that concern every scenario: front matter errors, background errors, an
  /// empty suite.
  public var diagnostics: [SpecDiagnostic]
  /// Tags from the front matter and from directives before the first `##`.
  public var tags: [String]

  public init(
    file: String, source: String, title: String? = nil, frontMatter: FrontMatter? = nil,
    background: [SpecItem] = [], scenarios: [Scenario] = [], diagnostics: [SpecDiagnostic] = [],
    tags: [String] = []
  ) {
    self.file = file
    self.source = source
    self.title = title
    self.frontMatter = frontMatter
    self.background = background
    self.scenarios = scenarios
    self.diagnostics = diagnostics
    self.tags = tags
  }

  /// The reason the whole file is skipped, from front matter `skip`.
  public var skip: String? { frontMatter?.skip }
  /// The reason the whole file is expected to fail, from front matter `xfail`.
  public var xfail: String? { frontMatter?.xfail }
}
