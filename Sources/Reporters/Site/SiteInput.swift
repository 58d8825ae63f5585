import BenchRegression
import Foundation
import RunResults

/// Everything `lora-spec docs` puts on the site: the specs with their results, and the benchmarks.
///
/// These are the site's own input types; the command fills them from the runner's results and the
/// engine's module trees, so the site does not depend on the runner.
public struct SiteDocument: Sendable {
  /// The site title (the index heading).
  public var title: String
  /// One entry per spec file, in the order shown on the index.
  public var specs: [SiteSpec]
  /// The benchmark page's data; `nil` leaves the page out.
  public var bench: SiteBench?
  /// When the site was generated (shown in the footer), ISO 8601.
  public var generated: String

  /// A document.
  public init(title: String = "lora-spec", specs: [SiteSpec], bench: SiteBench? = nil, generated: String) {
    self.title = title
    self.specs = specs
    self.bench = bench
    self.generated = generated
  }
}

/// One spec file: its Markdown source, where it lives, and its results.
public struct SiteSpec: Sendable {
  /// The path relative to the spec root, with `/` (`matching/regex.md`). The page goes to the same
  /// path with `.html`, so relative links between specs keep working.
  public var relativePath: String
  /// The path shown to readers (`Specs/matching/regex.md`).
  public var displayPath: String
  /// The Markdown text.
  public var markdown: String
  /// The suite title; defaults to the first `#` heading, then the file name.
  public var title: String?
  /// Tags (from front matter).
  public var tags: [String]
  /// Wall time in seconds.
  public var time: Double
  /// The scenarios (cases) in document order.
  public var cases: [SiteCase]
  /// Outcomes of the executable blocks, keyed by the 1-based line of the block's opening fence.
  public var blocks: [SiteBlock]
  /// Module-tree pictures, one per scenario that built a model.
  public var trees: [SiteTree]
  /// When the spec could not be read or run at all, why (shown instead of results).
  public var problem: String?

  /// A spec.
  public init(
    relativePath: String, displayPath: String? = nil, markdown: String, title: String? = nil, tags: [String] = [],
    time: Double = 0, cases: [SiteCase] = [], blocks: [SiteBlock] = [], trees: [SiteTree] = [],
    problem: String? = nil
  ) {
    self.relativePath = relativePath
    self.displayPath = displayPath ?? relativePath
    self.markdown = markdown
    self.title = title
    self.tags = tags
    self.time = time
    self.cases = cases
    self.blocks = blocks
    self.trees = trees
    self.problem = problem
  }
}

/// One scenario's result.
public struct SiteCase: Sendable {
  /// The scenario name (heading text, with the row for table cases).
  public var name: String
  /// The outcome.
  public var status: ResultCode?
  /// The 1-based line of the scenario's heading or row, for the link.
  public var line: Int?
  /// Wall time in seconds.
  public var time: Double
  /// One line saying what went wrong.
  public var message: String?

  /// A case.
  public init(name: String, status: ResultCode?, line: Int? = nil, time: Double = 0, message: String? = nil) {
    self.name = name
    self.status = status
    self.line = line
    self.time = time
    self.message = message
  }
}

/// The outcome of one executable block.
public struct SiteBlock: Sendable {
  /// The 1-based line of the opening fence.
  public var line: Int
  /// The outcome.
  public var status: ResultCode?
  /// What the block expected (its body), on failure.
  public var expected: String?
  /// What the engine produced, on failure.
  public var actual: String?
  /// A message (an error, a skip reason).
  public var message: String?
  /// A ready-made unified diff (lines starting `-`, `+`, ` `), shown instead of expected/actual.
  public var diff: String?

  /// A block outcome.
  public init(
    line: Int, status: ResultCode?, expected: String? = nil, actual: String? = nil, message: String? = nil,
    diff: String? = nil
  ) {
    self.line = line
    self.status = status
    self.expected = expected
    self.actual = actual
    self.message = message
    self.diff = diff
  }
}

/// A module-tree picture placed after the block at `line` (usually the scenario's last `lora` or
/// `model` block), or at the end of the scenario named `scenario` when `line` is `nil`.
public struct SiteTree: Sendable {
  /// The scenario it belongs to.
  public var scenario: String
  /// The block line it follows; `nil` puts it at the end of the page.
  public var line: Int?
  /// The tree.
  public var tree: TreeView

  /// A tree picture.
  public init(scenario: String, line: Int? = nil, tree: TreeView) {
    self.scenario = scenario
    self.line = line
    self.tree = tree
  }
}

/// The benchmark page's data.
public struct SiteBench: Sendable {
  /// The latest run (bars).
  public var latest: BenchReport
  /// Stored runs, oldest first (line charts); may include `latest`.
  public var history: [BenchReport]

  /// Benchmark data.
  public init(latest: BenchReport, history: [BenchReport] = []) {
    self.latest = latest
    self.history = history
  }
}
