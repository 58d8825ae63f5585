import ConfigValues
import LoRAModules

/// What `lora-spec plan` reports for a model with its adapters: the `--format json` contract
/// JSON contract, a grouped text view and an annotated module tree.
public struct PlanReport: Sendable {
  /// The injected model.
  public let model: PeftModel

  public init(model: PeftModel) { self.model = model }

  // MARK: JSON

  /// `{"adapted", "adapted_frozen", "trainable_params", "all_params", "summary", "decisions",
  /// "warnings", "adapters"}` (decisions are the first adapter's; `adapters` has every adapter's
  /// decisions, warnings and saved `adapter_config.json` object).
  public func json(extra: [ConfigEntry] = []) -> ConfigValue {
    let (trainable, all) = model.parameterCounts
    var entries: [ConfigEntry] = [
      ConfigEntry(key: "adapted", value: .array(model.layers.map { .string($0.path) })),
      ConfigEntry(key: "adapted_frozen", value: .array(model.adaptedFrozen.map(ConfigValue.string))),
      ConfigEntry(key: "trainable_params", value: .int(trainable)),
      ConfigEntry(key: "all_params", value: .int(all)),
      ConfigEntry(key: "summary", value: (try? model.trainableParametersLine()).map(ConfigValue.string) ?? .null),
      ConfigEntry(key: "decisions", value: .array((model.adapters.first?.plan.decisions ?? []).map(Self.decision))),
      ConfigEntry(key: "warnings", value: .array(model.injectionWarnings.map(Self.warning))),
    ]
    entries.append(
      ConfigEntry(
        key: "adapters",
        value: .array(
          model.adapters.map { adapter in
            .object([
              ConfigEntry(key: "name", value: .string(adapter.name)),
              ConfigEntry(key: "adapted", value: .array(adapter.plan.targetedModuleNames.map(ConfigValue.string))),
              ConfigEntry(
                key: "adapted_parameters", value: .array(adapter.plan.targetedParameterNames.map(ConfigValue.string))),
              ConfigEntry(key: "modules_to_save", value: .array(adapter.plan.modulesToSave.map(ConfigValue.string))),
              ConfigEntry(key: "skipped_frozen", value: .array(adapter.plan.skippedFrozen.map(ConfigValue.string))),
              ConfigEntry(key: "warnings", value: .array(adapter.plan.warnings.map(Self.warning))),
              ConfigEntry(key: "adapter_config", value: .object(ConfigObject(adapter.config.adapterConfigEntries()))),
              ConfigEntry(key: "decisions", value: .array(adapter.plan.decisions.map(Self.decision))),
            ])
          })))
    return .object(ConfigObject(entries + extra))
  }

  /// The JSON object for an engine error: `{"error": {"type", "message"}}`.
  public static func errorJSON(type: String, message: String) -> ConfigValue {
    .object([
      ConfigEntry(
        key: "error",
        value: .object([
          ConfigEntry(key: "type", value: .string(type)), ConfigEntry(key: "message", value: .string(message)),
        ]))
    ])
  }

  static func decision(_ d: ModuleDecision) -> ConfigValue {
    .object([
      ConfigEntry(key: "module", value: .string(d.path)), ConfigEntry(key: "type", value: .string(d.typeName)),
      ConfigEntry(key: "decision", value: .string(d.decision.kind)),
      ConfigEntry(key: "reason", value: .string(d.decision.description)),
    ])
  }

  static func warning(_ w: PeftWarning) -> ConfigValue {
    .object([
      ConfigEntry(key: "category", value: .string(w.category.rawValue)),
      ConfigEntry(key: "message", value: .string(w.message)),
    ])
  }

  // MARK: Text

  /// Decisions grouped by outcome, warnings, the lora-spec frozen report and PEFT's line.
  public func text() -> String {
    var out: [String] = []
    let base = model.base
    out.append(
      "model: \(base.rootTypeName), \(base.modules.count - 1) modules, \(groupedThousands(base.parameterCounts.all)) parameters"
    )
    for adapter in model.adapters {
      out.append("")
      out.append("adapter \"\(adapter.name)\": \(adapter.plan.layers.count) adapted")
      if case .names(let n)? = adapter.config.targetModules {
        out.append("  target_modules (as saved): \(PythonRepr.stringList(n))")
      } else if case .regex(let r)? = adapter.config.targetModules {
        out.append("  target_modules (as saved): \(PythonRepr.string(r))")
      }
      let decisions = adapter.plan.decisions
      let groups: [(String, (MatchDecision) -> Bool)] = [
        ("adapted", { $0.isAdapted }),
        ("excluded", { if case .excluded = $0 { true } else { false } }),
        ("skipped, frozen (skip_frozen)", { $0 == .skippedFrozen }),
        ("filtered by layers_to_transform", { if case .layerFiltered = $0 { true } else { false } }),
        ("output layer left out by all-linear", { $0 == .allLinearOutputLayer }),
      ]
      for (title, test) in groups {
        let hits = decisions.filter { test($0.decision) }
        guard !hits.isEmpty else { continue }
        out.append("  \(title) (\(hits.count)):")
        let width = min(hits.map(\.path.count).max() ?? 0, 60)
        for d in hits {
          out.append(
            "    \(d.path.padding(toLength: max(width, d.path.count), withPad: " ", startingAt: 0))  \(d.typeName)  \(d.decision)"
          )
        }
      }
      let untouched = decisions.filter { $0.decision == .notTargeted || $0.decision == .parametersOnly }.count
      let internals = decisions.filter { if case .adapterInternal = $0.decision { true } else { false } }.count
      out.append(
        "  not targeted: \(untouched) modules" + (internals > 0 ? "; \(internals) adapter internals skipped" : ""))
      if !adapter.plan.targetedParameterNames.isEmpty {
        out.append("  target_parameters adapted: \(adapter.plan.targetedParameterNames.joined(separator: ", "))")
      }
      if !adapter.plan.modulesToSave.isEmpty {
        out.append("  modules_to_save wrapped: \(adapter.plan.modulesToSave.joined(separator: ", "))")
      }
    }
    let frozen = model.adaptedFrozen
    if !frozen.isEmpty {
      out.append("")
      out.append("adapted but frozen before injection (lora-spec report; PEFT does not warn) (\(frozen.count)):")
      for f in frozen { out.append("  \(f)") }
    }
    let warnings = model.injectionWarnings
    if !warnings.isEmpty {
      out.append("")
      out.append("warnings:")
      for w in warnings { out.append("  \(w)") }
    }
    out.append("")
    out.append((try? model.trainableParametersLine()) ?? "trainable params: 0 || all params: 0 || trainable%: n/a")
    return out.joined(separator: "\n")
  }

  // MARK: Tree

  /// The base model's modules, indented by depth, each marked `adapted`, `frozen`
  /// (``FrozenModules``, before injection), `adapted, frozen`, or `saved` (modules_to_save).
  public func tree() -> String {
    let adapted = Set(model.layers.map(\.path))
    let saved = Set(model.wrappers.map(\.path))
    let frozenModules = FrozenModules(model.base)
    var out: [String] = [model.base.rootTypeName]
    for m in model.base.modules where !m.path.isEmpty {
      let depth = m.path.split(separator: ".").count
      var marks: [String] = []
      if adapted.contains(m.path) { marks.append("adapted") }
      if saved.contains(m.path) { marks.append("saved") }
      if frozenModules.contains(m.path) { marks.append("frozen") }
      let label = String(m.name) + " (\(m.typeName))"
      out.append(
        String(repeating: "  ", count: depth) + label
          + (marks.isEmpty ? "" : "  [" + marks.joined(separator: ", ") + "]"))
    }
    return out.joined(separator: "\n")
  }
}
