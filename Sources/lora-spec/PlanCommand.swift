import ArgumentParser
import Foundation
import LoRA
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

  @Option(help: "text, json or tree.")
  var format: String = "text"

  @Flag(help: "Also measure planning: the median time of repeated plan() calls.")
  var timing = false

  @Option(help: "Runs for --timing.")
  var runs: Int = 21

  func run() throws {
    guard ["text", "json", "tree"].contains(format) else { throw usage("--format must be text, json or tree") }
    guard runs >= 1 else { throw usage("--runs must be at least 1") }
    let base: ModuleTree
    let info: BaseModelInfo
    var configs: [(String, LoraConfig)] = []
    do {
      var tree = try ModelLoader.load(model)
      let spec = FreezeSpec(entries: freeze)
      if !spec.isEmpty { tree = try spec.apply(to: tree, source: "--freeze") }
      base = tree
      info = .inferred(from: tree, modelType: ModelCatalog.modelTypes.contains(model) ? model : nil)
      configs.append(("default", try readConfig(config)))
      for spec in adapter {
        guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex else {
          throw usage("--adapter must be NAME=FILE, got '\(spec)'")
        }
        configs.append((String(spec[..<eq]), try readConfig(String(spec[spec.index(after: eq)...]))))
      }
    } catch let error as ExitCode {
      throw error
    } catch let error as PeftError {
      try fail(error)
    } catch {
      try unreadable("\(error)")
    }
    if skipFrozen { for i in configs.indices { configs[i].1.skipFrozen = true } }

    var peft: PeftModel
    do {
      peft = try PeftModel(model: base, config: configs[0].1, adapterName: configs[0].0, info: info)
      for (name, cfg) in configs.dropFirst() { try peft.addAdapter(name, config: cfg) }
    } catch {
      try fail(error)
    }

    var extra: [ConfigEntry] = []
    var timingLine: String?
    if timing {
      let (planMs, applyMs) = measure(base, configs[0].1, configs[0].0, info)
      extra.append(
        ConfigEntry(
          key: "timing",
          value: .object([
            ConfigEntry(key: "plan_median_ms", value: .double(planMs)),
            ConfigEntry(key: "plan_and_apply_median_ms", value: .double(applyMs)),
            ConfigEntry(key: "runs", value: .int(runs)),
          ])))
      timingLine = String(
        format: "timing: plan median %.3f ms, plan + apply median %.3f ms (%d runs, %d modules)", planMs, applyMs, runs,
        base.modules.count)
    }
    let report = PlanReport(model: peft)
    switch format {
    case "json": print(PythonJSON.dumps(report.json(extra: extra)))
    case "tree": print(report.tree())
    default: print(report.text())
    }
    if let timingLine, format != "json" { print(timingLine) }
  }

  private func readConfig(_ path: String) throws -> LoraConfig {
    var isDirectory: ObjCBool = false
    var file = path
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      file = (path as NSString).appendingPathComponent("adapter_config.json")
    }
    guard let data = FileManager.default.contents(atPath: file) else {
      throw ConfigInputError(file: file, message: "cannot read the file (does it exist?)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ConfigInputError(file: file, message: "not UTF-8 text")
    }
    return try LoraConfig.decode(text, file: file)
  }

  /// Median wall time of `plan` alone and of `plan` + building the model, in milliseconds.
  private func measure(_ base: ModuleTree, _ config: LoraConfig, _ name: String, _ info: BaseModelInfo) -> (
    Double, Double
  ) {
    func median(_ body: () -> Void) -> Double {
      var samples: [Double] = []
      for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      }
      samples.sort()
      return samples[samples.count / 2]
    }
    let planMs = median { _ = try? plan(model: base, config: config, adapterName: name, info: info) }
    let applyMs = median { _ = try? PeftModel(model: base, config: config, adapterName: name, info: info) }
    return (planMs, applyMs)
  }

  private func fail(_ error: any Error) throws -> Never {
    let type: String
    let message: String
    if let e = error as? PeftError {
      (type, message) = (e.kind.rawValue, e.message)
    } else {
      (type, message) = ("Error", "\(error)")
    }
    if format == "json" {
      print(PythonJSON.dumps(PlanReport.errorJSON(type: type, message: message)))
    } else {
      FileHandle.standardError.write(Data("error: \(type): \(message)\n".utf8))
    }
    throw ExitCode(1)
  }

  private func unreadable(_ message: String) throws -> Never {
    if format == "json" {
      print(PythonJSON.dumps(PlanReport.errorJSON(type: "InputError", message: message)))
    } else {
      FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
    throw ExitCode(2)
  }

  private func usage(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return ExitCode(2)
  }
}
