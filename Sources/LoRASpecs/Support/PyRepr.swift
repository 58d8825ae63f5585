import LoRA

/// Python `repr` of the values PEFT's status dataclasses hold (on top of the engine's
/// `PythonRepr`), so status tables read as a PEFT user sees them printed.
enum PyRepr {
  static func bool(_ b: Bool) -> String { b ? "True" : "False" }

  static func string(_ s: String) -> String { PythonRepr.string(s) }

  static func list(_ items: [String]) -> String { PythonRepr.stringList(items) }

  static func optional(_ s: String?) -> String { s.map(string) ?? "None" }

  static func grad(_ g: GradState) -> String { g == .irregular ? "'irregular'" : g.description }

  static func dict(_ pairs: [(String, String)]) -> String {
    "{" + pairs.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
  }

  static func uniform<V>(_ u: Uniform<V>, _ render: (V) -> String) -> String {
    switch u {
    case .value(let v): render(v)
    case .irregular: "'irregular'"
    }
  }
}
