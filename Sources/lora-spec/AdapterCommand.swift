import ArgumentParser
import Foundation
import LoRA
import LoRAModels
import LoRAModules
import LoRANumerics

/// `lora-spec adapter inspect|init`: PEFT adapter checkpoints from the command line.
struct AdapterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "adapter",
    abstract: "Inspect a saved PEFT adapter, or write a seeded PEFT-loadable one.",
    subcommands: [Inspect.self, Init.self])

  /// `lora-spec adapter inspect DIR [--model SOURCE] [--format text|json]`.
  struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "inspect",
      abstract: "Which modules an adapter touches, ranks, alphas, shapes and size; with --model, whether it fits.",
      discussion: """
        DIR holds adapter_config.json and adapter_model.safetensors (as PEFT's save_pretrained writes them); \
        only the safetensors header is read. With --model, every key and shape is checked against the model and \
        adapted modules that are frozen there are listed. Exit status: 0 fits (or no model), 1 does not fit, \
        2 unreadable input.
        """)

    @Argument(help: "The adapter directory.")
    var directory: String

    @Option(help: "A model: catalog name (llama), config.json, .safetensors, index or module list.")
    var model: String?

    @Option(help: "text or json.")
    var format: String = "text"

    func run() throws {
      guard format == "text" || format == "json" else { fail("--format must be text or json") }
      let inspection: AdapterInspection
      do {
        let tree = try model.map { source throws in try ModelLoader.load(source) }
        inspection = try AdapterInspection(directory: URL(fileURLWithPath: directory), model: tree)
      } catch {
        fail("\(error)")
      }
      print(format == "json" ? AdapterReport.json(inspection) : AdapterReport.text(inspection, model: model))
      if let mismatches = inspection.mismatches, !mismatches.isEmpty { throw ExitCode(1) }
    }
  }

  /// `lora-spec adapter init --model SOURCE --config FILE --out DIR [--seed N] [--adapter-name NAME]`.
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Write a seeded, PEFT-loadable adapter for a model and a LoRA config.",
      discussion: """
        Targets, ranks and alphas are decided as get_peft_model decides them; factors follow init_lora_weights \
        (true: A kaiming-uniform, B zeros; "gaussian"; false: B non-zero) from generators keyed by module name, \
        so the same seed gives the same files on every machine. The adapter named default goes to DIR, any other \
        name to DIR/<name>, as save_pretrained does.
        """)

    @Option(help: "A model: catalog name (llama), config.json, .safetensors, index or module list.")
    var model: String

    @Option(help: "A LoRA config (adapter_config.json keys, JSON or YAML).")
    var config: String

    @Option(help: "The output directory.")
    var out: String

    @Option(help: "The seed of the factors.")
    var seed: UInt64 = 0

    @Option(name: .customLong("adapter-name"), help: "The adapter's name.")
    var adapterName: String = "default"

    func run() throws {
      do {
        let tree = try ModelLoader.load(model)
        let text = try String(contentsOfFile: config, encoding: .utf8)
        let loraConfig = try LoraConfig.decode(text, file: config)
        let (checkpoint, plan) = try AdapterInitializer.makeCheckpoint(
          model: tree, config: loraConfig, adapterName: adapterName, seed: seed)
        let base = URL(fileURLWithPath: out)
        let target = adapterName == "default" ? base : base.appendingPathComponent(adapterName)
        try checkpoint.write(to: target)
        for warning in plan.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        let count = checkpoint.tensors.values.reduce(0) { $0 + $1.count }
        print(
          "wrote \(target.path): \(plan.layers.count) adapted modules, \(checkpoint.tensors.count) tensors, "
            + "\(count) parameters (seed \(seed))")
      } catch {
        fail("\(error)")
      }
    }
  }
}

/// Prints an error on stderr and exits with status 2 (unreadable or invalid input).
private func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("error: \(message)\n".utf8))
  AdapterCommand.exit(withError: ExitCode(2))
}

/// Text and JSON renderings of an inspection.
private enum AdapterReport {
  static func text(_ i: AdapterInspection, model: String?) -> String {
    var lines: [String] = []
    let c = i.config
    lines.append("adapter \(i.directory)")
    var head = "  LoRA r=\(c.r) lora_alpha=\(format(c.loraAlpha.doubleValue))"
    if c.useRslora { head += " use_rslora" }
    if c.useDora { head += " use_dora" }
    if let base = c.baseModelNameOrPath { head += ", base model \(base)" }
    lines.append(head)
    lines.append(
      "  \(i.modules.count) adapted modules, \(i.parameterCount) parameters, \(i.fileBytes) bytes"
        + (i.otherAdapters.isEmpty ? "" : "; other adapters: " + i.otherAdapters.joined(separator: ", ")))
    let header = ["module", "kind", "r", "in", "out", "alpha", "scaling", "dtype"]
    var rows = [header]
    for m in i.modules {
      rows.append([
        m.path, m.kind + (m.dora ? "+DoRA" : ""), String(m.r), String(m.inFeatures), String(m.outFeatures),
        format(m.alpha), format(m.scaling), m.dtypes.joined(separator: ","),
      ])
    }
    let widths = header.indices.map { col in rows.map { $0[col].count }.max() ?? 0 }
    for row in rows {
      lines.append(
        "  "
          + row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
          .joined(separator: "  ").trimmingTrailingSpaces())
    }
    if !i.otherTensors.isEmpty {
      lines.append("  other tensors: " + i.otherTensors.joined(separator: ", "))
    }
    if let model, let mismatches = i.mismatches {
      if mismatches.isEmpty {
        lines.append("model \(model): every key and shape fits")
      } else {
        lines.append("model \(model): \(mismatches.count) problem(s)")
        for m in mismatches { lines.append("  - \(m)") }
      }
      let frozen = i.adaptedFrozen ?? []
      lines.append(
        "adapted modules frozen in the model: " + (frozen.isEmpty ? "none" : frozen.joined(separator: ", ")))
    }
    return lines.joined(separator: "\n")
  }

  static func json(_ i: AdapterInspection) -> String {
    var object: [String: JSONValue] = [
      "directory": .string(i.directory),
      "r": .int(i.config.r),
      "lora_alpha": .double(i.config.loraAlpha.doubleValue),
      "use_rslora": .bool(i.config.useRslora),
      "use_dora": .bool(i.config.useDora),
      "parameters": .int(i.parameterCount),
      "file_bytes": .int(i.fileBytes),
      "other_adapters": .array(i.otherAdapters.map(JSONValue.string)),
      "other_tensors": .array(i.otherTensors.map(JSONValue.string)),
      "modules": .array(
        i.modules.map { m in
          .object([
            "module": .string(m.path), "kind": .string(m.kind), "r": .int(m.r), "in_features": .int(m.inFeatures),
            "out_features": .int(m.outFeatures), "alpha": .double(m.alpha), "scaling": .double(m.scaling),
            "dora": .bool(m.dora), "dtypes": .array(m.dtypes.map(JSONValue.string)),
          ])
        }),
    ]
    if let mismatches = i.mismatches {
      object["fits_model"] = .bool(mismatches.isEmpty)
      object["mismatches"] = .array(
        mismatches.map { .object(["key": .string($0.key), "message": .string($0.message)]) })
      object["adapted_frozen"] = .array((i.adaptedFrozen ?? []).map(JSONValue.string))
    }
    return JSONValue.object(object).compactText
  }

  private static func format(_ d: Double) -> String {
    d.rounded() == d && abs(d) < 1e15 ? String(Int(d)) : String(d)
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var s = self
    while s.hasSuffix(" ") { s.removeLast() }
    return s
  }
}
