/// Suggestions for misspelt names ("did you mean 'target_modules'?").
public enum ClosestName {
  /// The candidate closest to `name` by edit distance (a swap of two neighbours counts
  /// as one edit), when it is close enough to be a plausible typo: at most 1 edit for
  /// names up to 4 characters, 2 up to 8, 3 beyond. Ties go to the alphabetically first.
  public static func match(_ name: String, among candidates: some Sequence<String>) -> String? {
    let limit = name.count <= 4 ? 1 : name.count <= 8 ? 2 : 3
    var best: (name: String, distance: Int)?
    for candidate in candidates.sorted() where candidate != name {
      let distance = editDistance(name.lowercased(), candidate.lowercased())
      if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
    }
    return best?.name
  }

  /// The optimal-string-alignment distance between `a` and `b`.
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, previous2[j - 2] + 1) }
        current[j] = value
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }
}
