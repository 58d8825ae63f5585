import ArgumentParser

/// `run --format`: the report on stdout.
enum RunFormat: String, CaseIterable, ExpressibleByArgument {
  /// The terminal report, with a progress line.
  case human
  /// One JSON object, no progress line.
  case json
}

/// `plan --format`: how the plan is printed.
enum PlanFormat: String, CaseIterable, ExpressibleByArgument {
  /// PEFT's summary and a table of decisions.
  case text
  /// The plan as JSON (errors as `{"error": {"type", "message"}}`).
  case json
  /// The base model's modules, indented, marked adapted, saved or frozen.
  case tree
}

/// `adapter inspect --format`: how the inspection is printed.
enum InspectionFormat: String, CaseIterable, ExpressibleByArgument {
  /// A table of adapted modules.
  case text
  /// One JSON object.
  case json
}
