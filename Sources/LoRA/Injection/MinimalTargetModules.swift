/// PEFT's `_find_minimal_target_modules`: the fewest `.`-suffixes that select exactly
/// `targets` and none of `others`. Applied when a list has >= 20 entries.
///
/// The result keeps PEFT's deterministic iteration order (items sorted by their suffix
/// lists, shortest suffix first); PEFT returns a set, whose printed order is arbitrary.
public func findMinimalTargetModules(_ targets: [String], others: [String]) throws(PeftError) -> [String] {
  if targets.isEmpty { throw PeftError(.valueError, "target_modules should be a list or set of strings.") }
  let targetSet = Set(targets)
  if targetSet.contains("") { throw PeftError(.valueError, "target_modules should not contain an empty string.") }
  let otherSet = Set(others)
  if !targetSet.isDisjoint(with: otherSet) {
    throw PeftError(
      .valueError,
      "target_modules and other_module_names contain common elements, this should not happen, please open a GitHub issue at https://github.com/huggingface/peft/issues with the code to reproduce this issue"
    )
  }
  var otherSuffixes = Set<Substring>()
  for name in otherSet { for s in suffixes(of: name) { otherSuffixes.insert(s) } }
  let items = targetSet.map { (item: $0, suffixes: suffixes(of: $0)) }
    .sorted { a, b in a.suffixes.lexicographicallyPrecedes(b.suffixes) }
  var required: [Substring] = []
  var requiredSet = Set<Substring>()
  for (item, itemSuffixes) in items {
    for suffix in itemSuffixes {
      if requiredSet.contains(suffix) || otherSuffixes.contains(suffix) { continue }
      if !required.contains(where: { item.hasSuffix("." + $0) }) {
        required.append(suffix)
        requiredSet.insert(suffix)
        break
      }
    }
  }
  if required.isEmpty { return Array(targetSet).sorted() }
  return required.map(String.init)
}

/// `a.b.c` -> `["c", "b.c", "a.b.c"]` (shortest first).
private func suffixes(of name: String) -> [Substring] {
  var out: [Substring] = [name[...]]
  var i = name.startIndex
  while let dot = name[i...].firstIndex(of: ".") {
    out.append(name[name.index(after: dot)...])
    i = name.index(after: dot)
  }
  return out.reversed()
}
