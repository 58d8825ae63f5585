import ArgumentParser
import ConfigValues
import Foundation
import LoRA
import LoRABenchmarks
import LoRAModels
import LoRAModules

/// `lora-spec plan`: which modules of a model get LoRA for an adapter config, decided as
/// PEFT 0.21.2 decides it, before any GPU time is spent.
struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Show which modules get LoRA adapters, what becomes trainable, and PEFT's summary line.",
    discussion: """
      Exit status: 0 on success, 1 when PEFT would raise (the error is printed; with --format json \
      as {"error": {"type", "message"}}), 2 for a usage error or an unreadable input.
      """)

  @Option(
    help:
      "The model: a catalog name (llama, LlamaForCausalLM...), a config.json, a .safetensors file, a model.safetensors.index.json, a module list (.yaml/.json with `modules:`) or a directory."
  )
  var model: String

  @Option(help: "The adapter config: adapter_config.json (or a directory holding one), or the same keys in YAML.")
  var config: String

  @Option(help: "A further adapter, added as add_adapter adds it: NAME=FILE (repeatable).")
  var adapter: [String] = []

  @Option(
    help:
      "Freeze before injection: a module path (and everything below it), or regex:PATTERN over module paths (repeatable)."
  )
  var freeze: [String] = []

  @Flag(
    name: .customLong("skip-frozen"),
    help: "lora-spec extension: leave out matched modules whose parameters are all frozen.")
  var skipFrozen = false

  @Option(help: "How the plan is printed.")
  var format: PlanFormat = .text

  @Flag(help: "Also measure planning: the median time of repeated plan() calls.")
  var timing = false

  @Option(help: "Runs for --timing.")
  var runs: Int = 21

  func run() throws {
    guard runs >= 1 else { throw CommandFailure.usage("--runs must be at least 1") }
    let base: ModuleTree
    let info: BaseModelInfo
    var configs: [(String, LoraConfig)] = []
    do {
      var tree = try ModelLoader.load(model)
      let spec = FreezeSpec(entries: freeze)
      if !spec.isEmpty { tree = try spec.apply(to: tree, source: "--freeze") }
      base = tree
      info = .inferred(from: tree, modelType: ModelCatalog.modelTypes.contains(model) ? model : nil)
      configs.append(("default", try LoraConfig.load(path: config)))
      for spec in adapter {
        guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex else {
          throw CommandFailure.usage("--adapter must be NAME=FILE, got '\(spec)'")
        }
        configs.append((String(spec[..<eq]), try LoraConfig.load(path: String(spec[spec.index(after: eq)...]))))
      }
    } catch let failure as CommandFailure {
      throw failure
    } catch let error as PeftError {
      throw engineFailure(error)
    } catch {
      throw unreadableInput("\(error)")
    }
    if skipFrozen { for i in configs.indices { configs[i].1.skipFrozen = true } }

    var peft: PeftModel
    do {
      peft = try PeftModel(model: base, config: configs[0].1, adapterName: configs[0].0, info: info)
      for (name, cfg) in configs.dropFirst() { try peft.addAdapter(name, config: cfg) }
    } catch {
      throw engineFailure(error)
    }

    let (name, first) = configs[0]
    let timing =
      timing
      ? PlanTiming.measure(
        runs: runs, moduleCount: base.modules.count,
        plan: { _ = try? plan(model: base, config: first, adapterName: name, info: info) },
        planAndApply: { _ = try? PeftModel(model: base, config: first, adapterName: name, info: info) })
      : nil
    let report = PlanReport(model: peft)
    switch format {
    case .json: print(PythonJSON.dumps(report.json(extra: timing.map { [$0.jsonEntry] } ?? [])))
    case .tree: print(report.tree())
    case .text: print(report.text())
    }
    if let timing, format != .json { print(timing.summaryLine) }
  }

  /// PEFT would raise: `error: TYPE: MESSAGE` on stderr, or the JSON error object on stdout.
  private func engineFailure(_ error: any Error) -> CommandFailure {
    let (type, message) =
      if let error = error as? PeftError { (error.kind.rawValue, error.message) } else { ("Error", "\(error)") }
    return inFormat(.engineFailure(type: type, message: message), type: type, message: message)
  }

  /// An input that cannot be read: `error: MESSAGE` on stderr, or the JSON error object on stdout.
  private func unreadableInput(_ message: String) -> CommandFailure {
    inFormat(.unreadableInput(message), type: "InputError", message: message)
  }

  /// `failure`, described by `plan --format json`'s error object when the format is JSON.
  private func inFormat(_ failure: CommandFailure, type: String, message: String) -> CommandFailure {
    guard format == .json else { return failure }
    return .describedInOutput(PythonJSON.dumps(PlanReport.errorJSON(type: type, message: message)), failure)
  }
}
