import ArgumentParser
import BenchRegression
import Foundation
import LoRA
import LoRAModules
import LoRASpecs
import Reporters
import RunResults
import SpecFormat
import SpecRunner

/// `lora-spec docs [PATH...] --out DIR`: runs the specs and writes a static documentation site.
struct DocsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "docs",
    abstract: "Run the specs and write a static documentation site (no JavaScript, no network).",
    discussion: """
      Writes index.html (suites, scenarios, outcomes, times, tags), one page per spec with each \
      executable block marked pass or fail, module-tree pictures, and bench.html from the latest \
      stored benchmark run with the history of stored runs. Open OUT/index.html in a browser.
      Exit status: 0 when the site was written (1 with --strict when a spec failed), 2 for a usage \
      error or a file that cannot be read or written.
      """)

  @Argument(help: "Spec files or directories (searched for .md files).")
  var paths: [String] = ["Specs"]

  @Option(help: "Output directory.")
  var out: String = "Reports/site"

  @Option(help: "A benchmark run (lora-spec-bench/1 JSON) for the benchmark page (default: the newest stored run).")
  var bench: String?

  @Option(help: "Folder of stored benchmark runs, for the history charts.")
  var baselines: String = "Reports/baselines"

  @Option(help: "The index page's title.")
  var title: String = "lora-spec"

  @Option(help: "Scenarios run at once (default: the number of cores).")
  var jobs: Int?

  @Flag(help: "Exit with status 1 when a spec failed, errored or passed unexpectedly.")
  var strict = false

  func run() async throws {
    if let jobs, jobs < 1 { throw CommandFailure.usage("--jobs must be at least 1") }
    let files: [String]
    do {
      files = try SpecDiscovery.files(in: paths)
    } catch {
      throw CommandFailure.unreadableInput(error.description)
    }
    let outcome = await Self.runSpecs(files: files, jobs: jobs ?? RunOptions.defaultJobs)

    let loader = SpecRunner(handlers: LoRASpecHandlers.registry())
    let root = Self.commonDirectory(of: files)
    var specs: [SiteSpec] = []
    for file in files.sorted() {
      let suite = outcome.result.suites.first { $0.file == file }
      let relative = Self.relativePath(file, root: root)
      switch loader.load(file) {
      case .success(let document):
        specs.append(
          SiteSpec(
            document: document, suite: suite, relativePath: relative,
            trees: Self.moduleTrees(for: document, suite: suite)))
      case .failure(let diagnostic):
        specs.append(SiteSpec(relativePath: relative, displayPath: file, markdown: "", problem: diagnostic.description))
      }
    }

    let document = SiteDocument(
      title: title, specs: specs, bench: try loadBench(), generated: ISO8601DateFormatter().string(from: Date()))
    let directory = URL(fileURLWithPath: out, isDirectory: true)
    let written: [URL]
    do {
      written = try SiteGenerator.write(document, to: directory)
    } catch {
      throw CommandFailure.unwritableOutput(String(describing: error))
    }
    let counts = outcome.result.counts
    print(
      "Wrote \(written.count) files to \(out)/ (\(specs.count) specs: \(counts.pass) passed, \(counts.fail) failed, "
        + "\(counts.error) errors, \(counts.skipped) skipped). Open \(out)/index.html")
    if strict, !outcome.result.succeeded { throw CommandFailure.failuresInReport }
  }

  /// Runs the specs and returns their results: the one place `docs` evaluates anything. It uses
  /// the same runner and LoRA handlers as `lora-spec run`, so the site shows what `run` reports.
  static func runSpecs(files: [String], jobs: Int) async -> RunOutcome {
    let runner = SpecRunner(handlers: LoRASpecHandlers.registry())
    let options = RunOptions(
      paths: files, jobs: jobs,
      properties: [Property("lora-spec.version", LoRASpecVersion.current)] + LoRASpecHandlers.reportProperties())
    let progress = ProgressLine()
    let outcome = await runner.run(files: files, options: options) { progress.update($0) }
    progress.finish()
    return outcome
  }

  /// The module-tree pictures of a spec's scenarios (adapted, frozen, adapted-but-frozen modules).
  static func moduleTrees(for document: SpecDocument, suite: SuiteResult?) -> [SiteTree] {
    LoRASpecHandlers.scenarioModels(of: document).map { scenario in
      SiteTree(
        scenario: scenario.scenario, line: scenario.line,
        tree: treeView(of: scenario.model, title: scenario.scenario))
    }
  }

  /// The picture data of an injected model (the engine's ``ModuleOverview``, frozen as
  /// ``FrozenModules`` defines it, so the site agrees with `expect tree`).
  static func treeView(of peft: PeftModel, title: String) -> TreeView {
    let modules = peft.moduleOverview.map {
      TreeView.Module(
        path: $0.path, type: $0.typeName, adapted: $0.adapted, frozen: $0.frozen,
        trainableParameters: $0.trainableParameters, totalParameters: $0.totalParameters)
    }
    let counts = peft.tree.parameterCounts
    return TreeView(
      title: title, modules: modules, trainableParameters: counts.trainable, totalParameters: counts.all)
  }

  /// The benchmark page's data: `--bench` or the newest stored run, with the stored history.
  private func loadBench() throws -> SiteBench? {
    let store = BaselineStore(directory: URL(fileURLWithPath: baselines, isDirectory: true))
    let history: [StoredRun]
    do {
      let found = try store.history()
      for skipped in found.skipped { Diagnostics.warning("\(skipped)") }
      history = found.runs
    } catch {
      throw CommandFailure.unreadableInput(String(describing: error))
    }
    if let bench {
      do {
        return SiteBench(latest: try BaselineStore.read(URL(fileURLWithPath: bench)), history: history.map(\.report))
      } catch {
        throw CommandFailure.unreadableInput(String(describing: error))
      }
    }
    guard let latest = history.last else { return nil }
    return SiteBench(latest: latest.report, history: history.map(\.report))
  }

  /// The deepest folder containing every file (`Specs` for `Specs/a.md`, `Specs/b/c.md`).
  static func commonDirectory(of files: [String]) -> [String] {
    let folders = files.map { $0.split(separator: "/").dropLast().map(String.init) }
    guard var common = folders.first else { return [] }
    for folder in folders.dropFirst() {
      common = Array(zip(common, folder).prefix { $0 == $1 }.map(\.0))
    }
    return common
  }

  /// `file` relative to `root` (components), with `/`.
  static func relativePath(_ file: String, root: [String]) -> String {
    file.split(separator: "/").map(String.init).dropFirst(root.count).joined(separator: "/")
  }
}
