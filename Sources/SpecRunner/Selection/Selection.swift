import SpecFormat

/// Which scenarios a run selects: `--filter`, `--tag` and `--shard`.
public struct Selection: Sendable, Hashable {
  /// `--filter`: a scenario is selected when any filter matches. A filter `FILE:LINE`
  /// selects the scenario containing that line of a file whose path ends with `FILE`;
  /// any other filter is a case-insensitive substring of `path scenario-name` or the
  /// suite name.
  public var filters: [String]
  /// `--tag`: a scenario is selected when it has any of the tags; `!T` excludes
  /// scenarios tagged `T`.
  public var tags: [String]
  /// `--shard K/N`.
  public var shard: Shard?

  public init(filters: [String] = [], tags: [String] = [], shard: Shard? = nil) {
    self.filters = filters
    self.tags = tags
    self.shard = shard
  }

  /// Whether the file at `path` is in the selected shard.
  public func includes(file path: String) -> Bool {
    shard?.contains(path: path) ?? true
  }

  /// Whether `scenario` of `document` is selected by the filters and tags.
  public func includes(_ scenario: Scenario, of document: SpecDocument, suiteName: String) -> Bool {
    matchesFilters(scenario, document: document, suiteName: suiteName) && matchesTags(document.tags + scenario.tags)
  }

  private func matchesFilters(_ scenario: Scenario, document: SpecDocument, suiteName: String) -> Bool {
    guard !filters.isEmpty else { return true }
    return filters.contains { filter in
      if let colon = filter.lastIndex(of: ":"), let line = Int(filter[filter.index(after: colon)...]) {
        let file = String(filter[..<colon])
        let start = scenario.location.line ?? 0
        return document.file.hasSuffix(file) && line >= start && line <= scenario.endLine
      }
      let needle = filter.lowercased()
      return "\(document.file) \(scenario.name)".lowercased().contains(needle)
        || "\(suiteName).\(scenario.name)".lowercased().contains(needle)
    }
  }

  private func matchesTags(_ scenarioTags: [String]) -> Bool {
    let excluded = tags.filter { $0.hasPrefix("!") }.map { String($0.dropFirst()) }
    let wanted = tags.filter { !$0.hasPrefix("!") }
    if scenarioTags.contains(where: excluded.contains) { return false }
    return wanted.isEmpty || scenarioTags.contains(where: wanted.contains)
  }
}
