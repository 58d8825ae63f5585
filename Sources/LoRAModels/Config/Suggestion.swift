/// "Did you mean" suggestions by edit distance.
public enum Suggestion {
  /// The candidate closest to `word` (case-insensitive Levenshtein distance), if it
  /// is within a third of the word's length (at least 2 edits).
  public static func closest(to word: String, in candidates: [String]) -> String? {
    let target = Array(word.lowercased())
    var best: (String, Int)?
    for candidate in candidates {
      let d = distance(target, Array(candidate.lowercased()))
      if best == nil || d < (best?.1 ?? Int.max) { best = (candidate, d) }
    }
    guard let (name, d) = best, d <= max(2, target.count / 3) else { return nil }
    return name
  }

  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
