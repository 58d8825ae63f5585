import Foundation

/// PEFT's `get_pattern_key` test: `re.match(r"(.*\.)?(" + pattern + r")$", key)`.
func patternMatches(_ pattern: String, _ key: String) -> Bool {
  if !pattern.isEmpty, pattern.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
    return key == pattern || key.hasSuffix("." + pattern)
  }
  guard let regex = try? PatternCache.regex(#"(.*\.)?("# + pattern + ")$") else { return false }
  return regex.match(key) != nil
}

/// rank/alpha patterns are few; compiled ones are reused across modules.
enum PatternCache {
  private static let cache = RegexCache()

  static func regex(_ pattern: String) throws(PeftError) -> PythonRegex {
    if let hit = cache.get(pattern) { return hit }
    let compiled = try PythonRegex(pattern)
    cache.set(pattern, compiled)
    return compiled
  }
}

/// A small thread-safe cache of compiled patterns.
final class RegexCache: @unchecked Sendable {
  private var storage: [String: PythonRegex] = [:]
  private let lock = NSLockShim()

  func get(_ key: String) -> PythonRegex? { lock.withLock { storage[key] } }
  func set(_ key: String, _ value: PythonRegex) { lock.withLock { storage[key] = value } }
}
