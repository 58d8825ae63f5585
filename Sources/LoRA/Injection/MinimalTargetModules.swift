/// PEFT's `_find_minimal_target_modules`: the fewest `.`-suffixes that select exactly
/// `targets` and none of `others`. Applied when a list has >= 20 entries.
///
/// The result keeps PEFT's deterministic iteration order (items sorted by their suffix
/// lists, shortest suffix first); PEFT returns a set, whose printed order is arbitrary.
public func findMinimalTargetModules(_ targets: [String], others: [String]) throws(PeftError) -> [String] {
  if targets.isEmpty { throw PeftError(.valueError, "target_modules should be a list or set of strings.") }
  let targetSet = Set(targets)
  if targetSet.contains("") { throw PeftError(.valueError, "target_modules should not contain an empty string.") }
  if others.contains(where: { targetSet.contains($0) }) {
    throw PeftError(
      .valueError,
      "target_modules and other_module_names contain common elements, this should not happen, please open a GitHub issue at https://github.com/huggingface/peft/issues with the code to reproduce this issue"
    )
  }
  var otherSuffixes = Set<NameKey>()
  otherSuffixes.reserveCapacity(others.count * 4)
  for name in others { for s in suffixes(of: name) { otherSuffixes.insert(NameKey(s)) } }
  // Python sorts the items by their suffix lists `[s0, s1, ...]` (shortest first, element-wise
  // by code point). Consecutive suffixes share their tail, so once s0 (the last segment) ties,
  // comparing s_k reduces to comparing segment n-1-k followed by ".". One byte key per item
  // gives the same order: the last segment, 0x00, then each earlier segment followed by ".".
  let items = targetSet.map { item -> (key: [UInt8], suffixes: [Substring]) in
    let segments = item.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    var key: [UInt8] = []
    key.reserveCapacity(item.utf8.count + 1)
    for (i, segment) in segments.reversed().enumerated() {
      key.append(contentsOf: segment)
      key.append(i == 0 ? 0 : UInt8(ascii: "."))
    }
    return (key, suffixes(of: item))
  }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
  var required: [Substring] = []
  var requiredSet = Set<NameKey>()
  for (_, itemSuffixes) in items {
    // `item.endswith("." + req)` for some required suffix <=> a proper dot-suffix of item is required.
    // Only adding a suffix changes that, so an item covered at the start adds nothing: skip it.
    if itemSuffixes.dropLast().contains(where: { requiredSet.contains(NameKey($0)) }) { continue }
    for suffix in itemSuffixes {
      let key = NameKey(suffix)
      if requiredSet.contains(key) || otherSuffixes.contains(key) { continue }
      required.append(suffix)
      requiredSet.insert(key)
      break
    }
  }
  if required.isEmpty { return Array(targetSet).sorted() }
  return required.map(String.init)
}

/// `a.b.c` -> `["c", "b.c", "a.b.c"]` (shortest first).
private func suffixes(of name: String) -> [Substring] {
  var out: [Substring] = []
  let utf8 = name.utf8
  var i = utf8.endIndex
  while i != utf8.startIndex {
    i = utf8.index(before: i)
    if utf8[i] == UInt8(ascii: ".") { out.append(name[utf8.index(after: i)...]) }
  }
  out.append(name[...])
  return out
}
