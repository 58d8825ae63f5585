import ConfigValues
import LoRA
import SpecFormat
import SpecRunner

/// `<!-- lora-spec: match -->` tables: each row asks whether the module `key` gets an
/// adapter under the row's config. Columns: `key`, `matched` (`match`, `no_match`,
/// `excluded`) and any `LoraConfig` field (`target_modules`, `exclude_modules`,
/// `layers_to_transform`, `layers_pattern`, `modules_to_save`...), written as YAML;
/// an optional `reason` column checks the decision's wording.
enum MatchTable {
  static let outcomes = ["match", "no_match", "excluded"]

  static func check(_ row: TableRow, _ table: SpecTable, _ context: inout ScenarioContext) throws -> ExpectationResult {
    guard let key = row["key"], let expected = row["matched"] else {
      throw SpecError("a match table needs the columns `key` and `matched`", at: table.location)
    }
    guard outcomes.contains(expected) else {
      throw SpecError("matched must be one of \(outcomes.joined(separator: ", ")), got '\(expected)'", at: row.location)
    }
    var entries: [ConfigEntry] = []
    // Cells arrive unescaped (`\|` is already `|`): unescaping again would turn a regex's
    // escaped pipe (`\\|` in the table) into an alternation.
    for (header, text) in zip(row.headers, row.cells) where !["key", "matched", "reason"].contains(header) {
      if text.isEmpty { continue }
      let value: ConfigValue
      do {
        value = try ConfigValue.parse(text, file: row.location.file)
      } catch {
        throw SpecError("column '\(header)': not valid YAML: \(error.message)", at: row.location)
      }
      entries.append(ConfigEntry(key: header, value: value))
    }
    let config: LoraConfig
    do {
      config = try LoraConfig.decode(.object(ConfigObject(entries)), file: row.location.file)
    } catch let error as ConfigInputError {
      throw SpecError(error.message, at: row.location)
    } catch let error as PeftError {
      return .fail(actual: nil, diff: error.description, message: "LoraConfig raised \(error.description)")
    }
    let decision: MatchDecision
    do {
      decision = try ModuleMatcher(config: config).decide(key)
    } catch {
      return .fail(actual: nil, diff: error.description, message: "the config raised \(error.description)")
    }
    let got: String
    switch decision.outcome {
    case .matched: got = "match"
    case .excluded: got = "excluded"
    case .unmatched, .skipped: got = "no_match"
    }
    var problems: [String] = []
    if got != expected { problems.append("expected \(expected), got \(got) (\(decision.description))") }
    if let reason = row["reason"], !reason.isEmpty, reason != decision.description {
      problems.append("reason: expected \"\(reason)\", got \"\(decision.description)\"")
    }
    if problems.isEmpty { return .pass() }
    return .fail(actual: nil, diff: problems.joined(separator: "\n"), message: "\(key): " + problems[0])
  }
}
