import LoRA
import SpecFormat
import SpecRunner

/// `expect layer-status` (a table, one row per tuner layer) and `expect model-status`
/// (`field: value` lines), values written as Python prints them.
enum StatusExpectations {
  static let layerColumns = [
    "name", "module_type", "enabled", "active_adapters", "merged_adapters", "requires_grad", "available_adapters",
    "devices", "quantization_backend",
  ]
  /// The columns `--update` writes (the others can be added by hand).
  static let defaultLayerColumns = [
    "name", "module_type", "enabled", "active_adapters", "merged_adapters", "requires_grad", "available_adapters",
  ]

  static func layerRow(_ s: LayerStatus) -> [String: String] {
    [
      "name": s.name, "module_type": s.moduleType, "enabled": PyRepr.bool(s.enabled),
      "active_adapters": PyRepr.list(s.activeAdapters), "merged_adapters": PyRepr.list(s.mergedAdapters),
      "requires_grad": PyRepr.dict(s.requiresGrad.map { ($0.adapter, PyRepr.grad($0.state)) }),
      "available_adapters": PyRepr.list(s.availableAdapters),
      "devices": PyRepr.dict(s.devices.map { ($0.adapter, PyRepr.list($0.types)) }),
      "quantization_backend": PyRepr.optional(s.quantizationBackend),
    ]
  }

  /// The table: a header line naming the columns, then one line per layer, cells split by `|`.
  /// The expected header chooses which columns are compared.
  static func layerStatus(_ block: SpecBlock, _ context: inout ScenarioContext) throws -> ExpectationResult {
    let state = try ScenarioEngine.state(&context, at: block.location)
    guard let peft = state.peft, !state.unloaded else {
      throw SpecError("expect layer-status needs a ```lora block (and no merge_and_unload)", at: block.location)
    }
    let rows = try peft.layerStatus().map(layerRow)
    let lines = block.body.split(separator: "\n").map(String.init).filter {
      !$0.trimmingCharacters(in: .whitespaces).isEmpty
    }
    var columns = defaultLayerColumns
    if let header = lines.first {
      columns = cells(header)
      for column in columns where !layerColumns.contains(column) {
        throw SpecError.unknownField(column, in: block, validFields: layerColumns, bodyLine: 1)
      }
    }
    let actual = table(columns: columns, rows: rows)
    let expectedRows = lines.dropFirst().map(cells)
    let actualRows = rows.map { row in columns.map { row[$0] ?? "" } }
    if !lines.isEmpty, expectedRows == actualRows { return .pass(actual: actual) }
    return ExpectationResult.compare(expected: block.body, actual: actual).withPassed(false)
  }

  static func cells(_ line: String) -> [String] {
    var trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed.hasPrefix("|") { trimmed.removeFirst() }
    if trimmed.hasSuffix("|") { trimmed.removeLast() }
    return trimmed.split(separator: "|", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
  }

  static func table(columns: [String], rows: [[String: String]]) -> String {
    let body = rows.map { row in columns.map { row[$0] ?? "" } }
    let widths = columns.indices.map { i in ([columns[i]] + body.map { $0[i] }).map(\.count).max() ?? 0 }
    func render(_ cells: [String]) -> String {
      cells.enumerated().map { i, c in
        i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
      }
      .joined(separator: " | ")
    }
    return ([render(columns)] + body.map(render)).joined(separator: "\n")
  }

  static func modelFields(_ s: ModelStatus) -> [(String, String)] {
    [
      ("base_model_type", s.baseModelType), ("adapter_model_type", s.adapterModelType),
      ("peft_types", PyRepr.dict(s.peftTypes.map { ($0, "'LORA'") })),
      ("trainable_params", String(s.trainableParams)), ("total_params", String(s.totalParams)),
      ("num_adapter_layers", String(s.numAdapterLayers)), ("enabled", PyRepr.uniform(s.enabled, PyRepr.bool)),
      ("active_adapters", PyRepr.uniform(s.activeAdapters, PyRepr.list)),
      ("merged_adapters", PyRepr.uniform(s.mergedAdapters, PyRepr.list)),
      ("requires_grad", PyRepr.dict(s.requiresGradOrder.map { ($0, PyRepr.grad(s.requiresGrad[$0] ?? .irregular)) })),
      ("available_adapters", PyRepr.list(s.availableAdapters)),
      ("devices", PyRepr.dict(s.devices.keys.sorted().map { ($0, PyRepr.list(s.devices[$0] ?? [])) })),
      ("quantization_backend", PyRepr.uniform(s.quantizationBackend, PyRepr.optional)),
    ]
  }

  /// `field: value` lines; only the fields written are compared (values normalised: quotes
  /// and spacing do not matter, `[default]` equals `['default']`).
  static func modelStatus(_ block: SpecBlock, _ context: inout ScenarioContext) throws -> ExpectationResult {
    let state = try ScenarioEngine.state(&context, at: block.location)
    guard let peft = state.peft, !state.unloaded else {
      throw SpecError("expect model-status needs a ```lora block (and no merge_and_unload)", at: block.location)
    }
    let fields = modelFields(try peft.modelStatus())
    let actualAll = fields.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
    let byName = Dictionary(fields, uniquingKeysWith: { a, _ in a })
    var problems: [String] = []
    var written: [String] = []
    for (offset, raw) in block.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let colon = line.firstIndex(of: ":") else {
        throw SpecError("expect model-status lines are `field: value`", in: block, bodyLine: offset + 1)
      }
      let key = String(line[..<colon])
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      guard let actual = byName[key] else {
        throw SpecError.unknownField(key, in: block, validFields: fields.map(\.0), bodyLine: offset + 1)
      }
      written.append("\(key): \(actual)")
      if PyValue.normalise(value) != PyValue.normalise(actual) {
        problems.append("\(key): expected \(value), got \(actual)")
      }
    }
    if written.isEmpty { return .fail(actual: actualAll, message: "expect model-status is empty") }
    if problems.isEmpty { return .pass(actual: block.body) }
    return .fail(actual: written.joined(separator: "\n"), diff: problems.joined(separator: "\n"), message: problems[0])
  }
}

extension ExpectationResult {
  func withPassed(_ passed: Bool) -> ExpectationResult {
    var copy = self
    copy.passed = passed
    return copy
  }
}

/// Normalises Python-ish value text for comparison: quotes dropped, spaces removed,
/// `true`/`false`/`null` read as `True`/`False`/`None`.
enum PyValue {
  static func normalise(_ text: String) -> String {
    var out = ""
    var word = ""
    func flush() {
      switch word {
      case "true": out += "True"
      case "false": out += "False"
      case "null", "~": out += "None"
      default: out += word
      }
      word = ""
    }
    for c in text {
      if c == "'" || c == "\"" || c == " " { continue }
      if c.isLetter || c.isNumber || c == "_" || c == "." || c == "-" {
        word.append(c)
      } else {
        flush()
        out.append(c)
      }
    }
    flush()
    return out
  }
}
