/// "Did you mean" suggestions for misspelt names: one distance, one threshold, one phrasing
/// for every message of the project.
///
/// The distance is the optimal-string-alignment edit distance, case-insensitive (a swap of two
/// neighbouring characters is one edit). A candidate is suggested when it is at most 1 edit away
/// for names up to 4 characters, 2 up to 8, 3 beyond: close enough to be a plausible typo, far
/// enough from a different word. Ties go to the longer common prefix, then alphabetically.
public enum ClosestName {
  /// The candidate closest to `name`, when it is a plausible typo of it; never `name` itself.
  public static func match(_ name: String, among candidates: some Sequence<String>) -> String? {
    let target = Array(name.lowercased())
    guard target.count <= maximumLength else { return nil }
    let limit = limit(forLength: target.count)
    var best: (name: String, distance: Int, prefix: Int)?
    for candidate in candidates where candidate != name {
      let other = Array(candidate.lowercased())
      guard abs(other.count - target.count) <= limit else { continue }
      let distance = editDistance(target, other)
      guard distance <= limit else { continue }
      let prefix = zip(target, other).prefix { $0 == $1 }.count
      if let current = best {
        if distance > current.distance { continue }
        if distance == current.distance {
          if prefix < current.prefix { continue }
          if prefix == current.prefix, candidate >= current.name { continue }
        }
      }
      best = (candidate, distance, prefix)
    }
    return best?.name
  }

  /// Names longer than this get no suggestion (the distance is quadratic in the length).
  public static let maximumLength = 256

  /// `; did you mean 'X'?` for the closest candidate, or an empty string: the tail of a message.
  public static func hint(_ name: String, among candidates: some Sequence<String>) -> String {
    match(name, among: candidates).map { "; \(phrase($0))" } ?? ""
  }

  /// `did you mean 'X'?`: the one phrasing of a suggestion.
  public static func phrase(_ suggestion: String) -> String {
    "did you mean '\(suggestion)'?"
  }

  /// The largest distance that still counts as a typo of a name of `length` characters.
  public static func limit(forLength length: Int) -> Int {
    length <= 4 ? 1 : length <= 8 ? 2 : 3
  }

  /// The optimal-string-alignment distance between `a` and `b` (as given: callers fold case).
  public static func editDistance(_ a: String, _ b: String) -> Int {
    editDistance(Array(a), Array(b))
  }

  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
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
