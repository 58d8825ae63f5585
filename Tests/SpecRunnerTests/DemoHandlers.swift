import Foundation
import RunResults
import SpecFormat
import SpecRunner

/// A tiny non-LoRA domain to exercise the runner: `set` stores `name: number` lines,
/// `expect values` lists them, `expect sum` checks their sum, `boom` throws, `warn` warns,
/// and `<!-- lora-spec: add -->` tables check `a + b = sum` per row.
enum DemoHandlers {
  struct Values {
    var entries: [(String, Int)] = []
  }

  static func registry() -> HandlerRegistry {
    var registry = HandlerRegistry()
    registry.register(block: "set") { block, context in
      var values = context[Values.self] ?? Values()
      for (offset, line) in block.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      where !line.isEmpty {
        let parts = line.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let number = Int(parts[1]) else {
          throw SpecError("expected 'name: number', found '\(line)'", in: block, bodyLine: offset + 1)
        }
        if parts[0] == "nmae" {
          throw SpecError.unknownField(parts[0], in: block, validFields: ["name", "value"], bodyLine: offset + 1)
        }
        values.entries.append((parts[0], number))
      }
      context[Values.self] = values
    }
    registry.register(block: "boom") { block, _ in
      throw SpecError("the boom block always fails", at: block.location(ofBodyLine: 2))
    }
    registry.register(block: "warn") { block, context in
      context.warn(block.body.trimmingCharacters(in: .newlines))
    }
    registry.register(expectation: "values") { block, context in
      let actual = (context[Values.self]?.entries ?? []).map { "\($0.0): \($0.1)" }.joined(separator: "\n") + "\n"
      return .compare(expected: block.body, actual: actual)
    }
    registry.register(expectation: "sum") { block, context in
      let sum = (context[Values.self]?.entries ?? []).reduce(0) { $0 + $1.1 }
      let expected = Int(block.body.trimmingCharacters(in: .whitespacesAndNewlines))
      return expected == sum
        ? .pass(actual: "\(sum)\n")
        : .fail(
          actual: "\(sum)\n", diff: "sum is \(sum), not \(block.body.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
    registry.register(table: "add") { row, _, _ in
      guard let a = row["a"].flatMap({ Int($0) }), let b = row["b"].flatMap({ Int($0) }),
        let sum = row["sum"].flatMap({ Int($0) })
      else { throw SpecError("a, b and sum must be integers", at: row.location) }
      return a + b == sum ? .pass() : .fail(actual: nil, diff: "\(a) + \(b) = \(a + b), not \(sum)")
    }
    return registry
  }
}
