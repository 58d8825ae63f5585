/// "Did you mean" suggestions by edit distance.
public enum Suggestion {
  /// The candidate closest to `word` (case-insensitive Levenshtein distance; ties go
  /// to the longer common prefix, then to the earlier candidate), if it is within a
  /// third of the word's length (at least 2 edits).
  public static func closest(to word: String, in candidates: [String]) -> String? {
    let target = Array(word.lowercased())
    var best: (name: String, distance: Int, prefix: Int)?
    for candidate in candidates {
      let other = Array(candidate.lowercased())
      let d = distance(target, other)
      let prefix = zip(target, other).prefix { $0 == $1 }.count
      if let current = best, d > current.distance || (d == current.distance && prefix <= current.prefix) { continue }
      best = (candidate, d, prefix)
    }
    guard let best, best.distance <= max(2, target.count / 3) else { return nil }
    return best.name
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
