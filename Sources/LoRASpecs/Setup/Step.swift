import ConfigValues
import Foundation
import LoRA
import RunResults
import SpecFormat
import SpecRunner
import Support

/// One step of a `do` block, run in order after injection.
enum Step: Sendable, Hashable {
  case merge(adapters: [String]?, safe: Bool)
  case unmerge
  case mergeAndUnload
  case setAdapter(String)
  case disable
  case enable
  case deleteAdapter(String)
  case train(TrainingStep)
  case save
  case load

  /// Whether the step needs real weights (a module-list model).
  var needsNumerics: Bool {
    switch self {
    case .train, .save, .load: true
    default: false
    }
  }

  /// The step names a `do` block accepts.
  static let names = [
    "merge", "safe_merge", "unmerge", "merge_and_unload", "set_adapter", "disable", "enable", "delete_adapter", "train",
    "save", "load",
  ]
}

/// `train: {steps, lr, optimizer, loss, batch_size, seed}`.
struct TrainingStep: Sendable, Hashable {
  var steps = 1
  var learningRate = 0.01
  var optimizer = "sgd"
  var loss = "mse"
  var batchSize = 8
  var seed: UInt64 = 0

  static let fields = ["steps", "lr", "optimizer", "loss", "batch_size", "seed"]
}

/// A `do` block: one step per line (`merge`, `set_adapter: other`) or a YAML list of them.
enum DoBlock {
  static func steps(_ block: SpecBlock) throws -> [Step] {
    var steps: [Step] = []
    for (offset, rawLine) in block.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = rawLine.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("- ") { line = String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
      if line.isEmpty || line.hasPrefix("#") { continue }
      let bodyLine = offset + 1
      let name: String
      let argument: String?
      if let colon = line.firstIndex(of: ":") {
        name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
        let rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        argument = rest.isEmpty ? nil : rest
      } else {
        name = line
        argument = nil
      }
      steps.append(try step(name, argument, block: block, bodyLine: bodyLine))
    }
    guard !steps.isEmpty else {
      throw SpecError("do block has no steps; valid steps: \(Step.names.joined(separator: ", "))", at: block.location)
    }
    return steps
  }

  private static func step(_ name: String, _ argument: String?, block: SpecBlock, bodyLine: Int) throws -> Step {
    func required() throws -> String {
      guard let argument, !argument.isEmpty else {
        throw SpecError("step '\(name)' needs an adapter name: `\(name): NAME`", in: block, bodyLine: bodyLine)
      }
      return argument.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
    }
    func none() throws {
      if argument != nil { throw SpecError("step '\(name)' takes no argument", in: block, bodyLine: bodyLine) }
    }
    switch name {
    case "merge":
      return .merge(adapters: try argument.map { try adapterList($0, block: block, bodyLine: bodyLine) }, safe: false)
    case "safe_merge":
      return .merge(adapters: try argument.map { try adapterList($0, block: block, bodyLine: bodyLine) }, safe: true)
    case "unmerge": try none(); return .unmerge
    case "merge_and_unload": try none(); return .mergeAndUnload
    case "set_adapter": return .setAdapter(try required())
    case "disable": try none(); return .disable
    case "enable": try none(); return .enable
    case "delete_adapter": return .deleteAdapter(try required())
    case "save": try none(); return .save
    case "load": try none(); return .load
    case "train": return .train(try training(argument, block: block, bodyLine: bodyLine))
    default:
      var message = "unknown step '\(name)' in do block"
      message += ClosestName.hint(name, among: Step.names)
      throw SpecError(message, in: block, bodyLine: bodyLine)
    }
  }

  private static func adapterList(_ text: String, block: SpecBlock, bodyLine: Int) throws -> [String] {
    let value: ConfigValue
    do { value = try ConfigValue.parse(text, file: block.location.file) } catch {
      throw SpecError("cannot read adapter names '\(text)': \(error.message)", in: block, bodyLine: bodyLine)
    }
    switch value {
    case .string(let s): return [s]
    case .array(let items):
      return try items.map {
        guard case .string(let s) = $0 else {
          throw SpecError("adapter names must be strings", in: block, bodyLine: bodyLine)
        }
        return s
      }
    default: throw SpecError("expected an adapter name or a list of them", in: block, bodyLine: bodyLine)
    }
  }

  private static func training(_ text: String?, block: SpecBlock, bodyLine: Int) throws -> TrainingStep {
    var step = TrainingStep()
    guard let text else { return step }
    let value: ConfigValue
    do { value = try ConfigValue.parse(text, file: block.location.file) } catch {
      throw SpecError("cannot read train settings: \(error.message)", in: block, bodyLine: bodyLine)
    }
    guard case .object(let entries) = value else {
      throw SpecError(
        "train takes a mapping: `train: {steps: 5, lr: 0.01, optimizer: adamw, loss: mse}`", in: block,
        bodyLine: bodyLine)
    }
    for entry in entries {
      func bad(_ what: String) -> SpecError {
        SpecError("train '\(entry.key)' must be \(what)", in: block, bodyLine: bodyLine)
      }
      switch (entry.key, entry.value) {
      case ("steps", .int(let n)) where n >= 1 && n <= 100_000: step.steps = n
      case ("steps", _): throw bad("an integer from 1 to 100000")
      case ("lr", .double(let d)) where d > 0: step.learningRate = d
      case ("lr", .int(let i)) where i > 0: step.learningRate = Double(i)
      case ("lr", _): throw bad("a positive number")
      case ("optimizer", .string(let s)) where ["sgd", "adamw"].contains(s.lowercased()):
        step.optimizer = s.lowercased()
      case ("optimizer", _): throw bad("sgd or adamw")
      case ("loss", .string(let s)) where ["mse", "cross_entropy"].contains(s.lowercased()): step.loss = s.lowercased()
      case ("loss", _): throw bad("mse or cross_entropy")
      case ("batch_size", .int(let n)) where n >= 1 && n <= 4096: step.batchSize = n
      case ("batch_size", _): throw bad("an integer from 1 to 4096")
      case ("seed", .int(let n)) where n >= 0: step.seed = UInt64(n)
      case ("seed", _): throw bad("a non-negative integer")
      default:
        throw SpecError.unknownField(entry.key, in: block, validFields: TrainingStep.fields, bodyLine: bodyLine)
      }
    }
    return step
  }
}
