import ConfigValues
import Foundation
import LoRANumerics
import Support

extension AdapterInspection {
  /// The inspection as `lora-spec adapter inspect` prints it: the config, a table of adapted
  /// modules, other tensors and, when a model was given (named `model`), whether it fits.
  public func textReport(model: String?) -> String {
    let i = self
    var lines: [String] = []
    let c = i.config
    lines.append("adapter \(i.directory)")
    var head = "  LoRA r=\(c.r) lora_alpha=\(reportNumber(c.loraAlpha.doubleValue))"
    if c.useRslora { head += " use_rslora" }
    if c.useDora { head += " use_dora" }
    if let base = c.baseModelNameOrPath { head += ", base model \(base)" }
    lines.append(head)
    lines.append(
      "  \(Counted.phrase(i.modules.count, "adapted module")), \(Counted.phrase(i.parameterCount, "parameter")), \(Counted.phrase(i.fileBytes, "byte"))"
        + (i.otherAdapters.isEmpty ? "" : "; other adapters: " + i.otherAdapters.joined(separator: ", ")))
    let header = ["module", "kind", "r", "in", "out", "alpha", "scaling", "dtype"]
    var rows = [header]
    for m in i.modules {
      rows.append([
        m.path, m.kind + (m.dora ? "+DoRA" : ""), String(m.r), String(m.inFeatures), String(m.outFeatures),
        reportNumber(m.alpha), reportNumber(m.scaling), m.dtypes.joined(separator: ","),
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

  /// The inspection as one compact JSON object (`adapter inspect --format json`).
  public func jsonReport() -> String {
    let i = self
    var object: ConfigObject = [
      "directory": .string(i.directory),
      "r": .int(i.config.r),
      "lora_alpha": .double(i.config.loraAlpha.doubleValue),
      "use_rslora": .bool(i.config.useRslora),
      "use_dora": .bool(i.config.useDora),
      "parameters": .int(i.parameterCount),
      "file_bytes": .int(i.fileBytes),
      "other_adapters": .array(i.otherAdapters.map(ConfigValue.string)),
      "other_tensors": .array(i.otherTensors.map(ConfigValue.string)),
      "modules": .array(
        i.modules.map { m in
          .object([
            "module": .string(m.path), "kind": .string(m.kind), "r": .int(m.r), "in_features": .int(m.inFeatures),
            "out_features": .int(m.outFeatures), "alpha": .double(m.alpha), "scaling": .double(m.scaling),
            "dora": .bool(m.dora), "dtypes": .array(m.dtypes.map(ConfigValue.string)),
          ])
        }),
    ]
    if let mismatches = i.mismatches {
      object["fits_model"] = .bool(mismatches.isEmpty)
      object["mismatches"] = .array(
        mismatches.map { .object(["key": .string($0.key), "message": .string($0.message)]) })
      object["adapted_frozen"] = .array((i.adaptedFrozen ?? []).map(ConfigValue.string))
    }
    return ConfigValue.object(object).compactText
  }

  /// A whole number without a fraction, any other number as Swift prints it.
  private func reportNumber(_ d: Double) -> String {
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
