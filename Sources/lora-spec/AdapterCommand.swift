import ArgumentParser
import Foundation
import LoRA
import LoRAModels
import LoRAModules
import LoRANumerics
import Support

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

    @Option(help: "How the inspection is printed.")
    var format: InspectionFormat = .text

    func run() throws {
      let inspection: AdapterInspection
      do {
        let tree = try model.map { source throws in try ModelLoader.load(source) }
        inspection = try AdapterInspection(directory: URL(fileURLWithPath: directory), model: tree)
      } catch {
        throw CommandFailure.unreadableInput("\(error)")
      }
      print(format == .json ? inspection.jsonReport() : inspection.textReport(model: model))
      if let mismatches = inspection.mismatches, !mismatches.isEmpty { throw CommandFailure.failuresInReport }
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
        for warning in plan.warnings { Diagnostics.warning("\(warning)") }
        let count = checkpoint.tensors.values.reduce(0) { $0 + $1.count }
        print(
          "wrote \(target.path): \(Counted.phrase(plan.layers.count, "adapted module")), \(Counted.phrase(checkpoint.tensors.count, "tensor")), "
            + "\(count) parameters (seed \(seed))")
      } catch {
        throw CommandFailure.unreadableInput("\(error)")
      }
    }
  }
}
