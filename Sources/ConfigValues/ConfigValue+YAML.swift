import Yams

extension ConfigValue {
  /// Parses JSON or YAML text (JSON is read as YAML flow style; every JSON document
  /// this project reads is valid YAML 1.2).
  ///
  /// Plain scalars follow the YAML 1.2 core schema (`true`/`false`, `null`/`~`,
  /// integers, floats); quoted scalars are always strings, so `"NO"` stays a string.
  public static func parse(_ text: String, file: String = "<input>") throws(ConfigInputError) -> ConfigValue {
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw ConfigInputError(
        file: file, line: Self.line(of: error), message: "not valid JSON or YAML: \(Self.reason(of: error))")
    } catch {
      throw ConfigInputError(file: file, message: "not valid JSON or YAML: \(error)")
    }
    guard let node else { return .null }
    var budget = maximumValues
    return try convert(node, file: file, budget: &budget)
  }

  /// The most values (scalars, lists, mappings) one document may hold once YAML aliases are
  /// expanded: a few hundred bytes of nested aliases ("billion laughs") would otherwise expand
  /// to billions of values.
  public static let maximumValues = 1_000_000

  private static func convert(_ node: Node, file: String, budget: inout Int) throws(ConfigInputError) -> ConfigValue {
    budget -= 1
    guard budget >= 0 else {
      throw ConfigInputError(
        file: file, line: node.mark.map { $0.line },
        message:
          "the document expands to more than \(maximumValues) values (nested YAML aliases?); write the values out or use JSON"
      )
    }
    switch node {
    case .scalar(let scalar):
      return scalarValue(scalar)
    case .sequence(let sequence):
      var items: [ConfigValue] = []
      items.reserveCapacity(sequence.count)
      for item in sequence { items.append(try convert(item, file: file, budget: &budget)) }
      return .array(items)
    case .mapping(let mapping):
      var entries = ConfigObject()
      for (keyNode, valueNode) in mapping {
        let line = keyNode.mark.map { $0.line }
        guard case .scalar(let keyScalar) = keyNode else {
          throw ConfigInputError(file: file, line: line, message: "mapping keys must be plain strings")
        }
        let key = keyScalar.string
        if entries[key] != nil {
          throw ConfigInputError(file: file, line: line, message: "duplicate key '\(key)'")
        }
        entries.set(ConfigEntry(key: key, value: try convert(valueNode, file: file, budget: &budget), line: line))
      }
      return .object(entries)
    case .alias:
      throw ConfigInputError(file: file, line: node.mark.map { $0.line }, message: "YAML aliases are not supported")
    }
  }

  private static func scalarValue(_ scalar: Node.Scalar) -> ConfigValue {
    let text = scalar.string
    guard scalar.style == .plain || scalar.style == .any else { return .string(text) }
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    case ".inf", ".Inf", ".INF", "+.inf", "Infinity": return .double(.infinity)
    case "-.inf", "-.Inf", "-.INF", "-Infinity": return .double(-.infinity)
    case ".nan", ".NaN", ".NAN", "NaN": return .double(.nan)
    default: break
    }
    if isInteger(text), let value = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text) {
      return .int(value)
    }
    if isFloat(text), let value = Double(text) { return .double(value) }
    return .string(text)
  }

  private static func isInteger(_ text: String) -> Bool {
    var chars = Substring(text)
    if chars.first == "-" || chars.first == "+" { chars = chars.dropFirst() }
    return !chars.isEmpty && chars.allSatisfy { $0.isASCII && $0.isNumber }
  }

  private static func isFloat(_ text: String) -> Bool {
    var sawDigit = false
    for c in text {
      if c.isASCII && c.isNumber {
        sawDigit = true
      } else if !"+-.eE".contains(c) {
        return false
      }
    }
    return sawDigit
  }

  private static func line(of error: YamlError) -> Int? {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return mark.line
    case .duplicatedKeysInMapping(_, let context):
      return context.mark.line
    default:
      return nil
    }
  }

  private static func reason(of error: YamlError) -> String {
    switch error {
    case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
      .composer(let context, let problem, _, _):
      if let context { return "\(problem) (\(context.text))" }
      return problem
    case .duplicatedKeysInMapping(let duplicates, _):
      return "duplicate key(s) \(duplicates.joined(separator: ", "))"
    default:
      return "\(error)"
    }
  }
}
