/// PEFT 0.21's `check_target_module_exists` for one config, compiled once: every regex
/// is built up front and name lists become hash sets, so deciding a key costs a few
/// hash lookups (one per dot-suffix of the key).
struct TargetMatcher: Sendable {
  private enum Names: Sendable {
    case none
    case list(NameSet)
    case regex(PythonRegex)
  }

  private let targets: Names
  private let targetsAreNone: Bool
  private let hasTargetParameters: Bool
  private let excludes: Names
  private let modulesToSave: [SegmentPattern]
  private let layerFilter: LayerFilter?
  private let allLinear: Bool

  /// - Parameter allLinear: the config's `target_modules` came from the `all-linear` shorthand
  ///   (reported as such in decisions).
  init(config: LoraConfig, allLinear: Bool = false) throws(PeftError) {
    targetsAreNone = config.targetModules == nil
    hasTargetParameters = config.targetParameters != nil
    targets = try Self.compile(config.targetModules)
    excludes = try Self.compile(config.excludeModules)
    var mts: [SegmentPattern] = []
    for m in config.modulesToSave ?? [] { mts.append(try SegmentPattern(m)) }
    modulesToSave = mts
    layerFilter = try LayerFilter(config)
    self.allLinear = allLinear
  }

  private static func compile(_ t: TargetModules?) throws(PeftError) -> Names {
    switch t {
    case nil: return .none
    case .names(let n): return .list(NameSet(n))
    case .regex(let s): return try .regex(PythonRegex(s))
    }
  }

  /// The decision for one key (never the root).
  func decide(_ key: String) -> MatchDecision {
    switch excludes {
    case .regex(let r) where !r.pattern.isEmpty:
      if r.fullMatch(key) { return .excluded(.excludeRegex(r.pattern)) }
    case .list(let set) where !set.isEmpty:
      if let hit = Self.nameOrSuffixHit(key, set) { return .excluded(.excludeName(String(hit))) }
    default: break
    }
    for m in modulesToSave where m.matchesModuleOrDescendant(key) {
      return .excluded(.modulesToSave(m.source))
    }
    if targetsAreNone && hasTargetParameters { return .parametersOnly }
    switch targets {
    case .none:
      return .notTargeted
    case .regex(let r):
      return r.fullMatch(key) ? .matched(allLinear ? .allLinear : .regex(r.pattern)) : .notTargeted
    case .list(let set):
      if set.contains(NameKey(key)) { return .matched(allLinear ? .allLinear : .exactName(key)) }
      guard let hit = Self.suffixHit(key, set) else { return .notTargeted }
      if let layerFilter {
        let index = layerFilter.layerIndex(of: key)
        guard let index, layerFilter.allows(index) else {
          return .layerFiltered(index: index, allowed: layerFilter.allowed)
        }
      }
      return .matched(allLinear ? .allLinear : .suffix(String(hit)))
    }
  }

  /// `key in set` or the first entry `t` with `key.endswith("." + t)`.
  static func nameOrSuffixHit(_ key: String, _ set: NameSet) -> Substring? {
    if set.contains(NameKey(key)) { return Substring(key) }
    return suffixHit(key, set)
  }

  /// The longest `.`-aligned proper suffix of `key` that is in `set` (scans UTF-8 bytes:
  /// `.` is ASCII, so byte positions are valid string indices). Only suffixes as long as some
  /// name are hashed.
  static func suffixHit(_ key: String, _ set: NameSet) -> Substring? {
    let utf8 = key.utf8
    let total = utf8.count
    var offset = 0
    var i = utf8.startIndex
    while i != utf8.endIndex {
      if utf8[i] == UInt8(ascii: "."), set.lengths.contains(total - offset - 1) {
        let rest = key[utf8.index(after: i)...]
        if set.contains(NameKey(rest)) { return rest }
      }
      i = utf8.index(after: i)
      offset += 1
    }
    return nil
  }
}

/// A `modules_to_save` entry `m` as PEFT's guard reads it: `re.match("(^|.*\.)m($|\..*)", key)`.
struct SegmentPattern: Sendable {
  let source: String
  private let literalSegments: Bool
  private let regex: PythonRegex?

  init(_ m: String) throws(PeftError) {
    source = m
    literalSegments = !m.isEmpty && m.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    regex = literalSegments ? nil : try PythonRegex("(^|.*\\.)" + m + "($|\\..*)")
  }

  /// The module named `m` at a dot boundary, or any of its descendants.
  func matchesModuleOrDescendant(_ key: String) -> Bool {
    if let regex { return regex.match(key) != nil }
    var segmentStart = key.startIndex
    while true {
      let end = key[segmentStart...].firstIndex(of: ".") ?? key.endIndex
      if key[segmentStart..<end] == source { return true }
      guard end < key.endIndex else { return false }
      segmentStart = key.index(after: end)
    }
  }
}

/// `layers_to_transform` with `layers_pattern` (PEFT 0.21: lazy index, pattern may start the key).
struct LayerFilter: Sendable {
  let allowed: LayersToTransform
  private let patterns: [LayerPattern]

  private enum LayerPattern: Sendable {
    case literal(String)
    case regex(PythonRegex)
  }

  /// Nil when filtering is off (`layers_to_transform` unset or an empty list).
  init?(_ config: LoraConfig) throws(PeftError) {
    guard let allowed = config.layersToTransform else { return nil }
    if case .indices(let l) = allowed, l.isEmpty { return nil }
    self.allowed = allowed
    var compiled: [LayerPattern] = []
    for p in config.layersPattern?.patterns ?? [] {
      if !p.isEmpty, p.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
        compiled.append(.literal(p))
      } else {
        compiled.append(.regex(try PythonRegex("(?:^|.*?\\.)" + p + "\\.(?P<idx>\\d+)\\.")))
      }
    }
    patterns = compiled
  }

  func allows(_ index: Int) -> Bool {
    switch allowed {
    case .index(let i): index == i
    case .indices(let l): l.contains(index)
    }
  }

  /// The layer index PEFT reads from `key`, or nil.
  func layerIndex(of key: String) -> Int? {
    let segments = key.split(separator: ".", omittingEmptySubsequences: false)
    if patterns.isEmpty {
      // `.*?\.[^.]*\.(\d+)\.`: the first all-digit segment with >= 2 segments before and >= 1 after.
      guard segments.count >= 4 else { return nil }
      for k in 2..<(segments.count - 1) where Self.isDigits(segments[k]) {
        return Self.parse(segments[k])
      }
      return nil
    }
    for pattern in patterns {
      switch pattern {
      case .literal(let p):
        // `(?:^|.*?\.)p\.(\d+)\.`: segment == p followed by an all-digit segment that is not last.
        guard segments.count >= 3 else { continue }
        for j in 0..<(segments.count - 2) where segments[j] == p && Self.isDigits(segments[j + 1]) {
          return Self.parse(segments[j + 1])
        }
      case .regex(let r):
        if let digits = r.match(key, named: "idx"), !digits.isEmpty { return Self.parse(digits) }
      }
    }
    return nil
  }

  private static func isDigits(_ s: Substring) -> Bool {
    !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// Python `int()` of a digit string (`001` is 1); saturates instead of overflowing.
  private static func parse(_ s: Substring) -> Int? {
    Int(s) ?? Int.max
  }
}

/// The per-module decision of PEFT 0.21's `check_target_module_exists` for one config:
/// `exclude_modules`, then the `modules_to_save` guard, then `target_modules` (regex
/// full match, exact name, or `.`-suffix with `layers_to_transform` filtering).
///
/// Compile once per config (regexes and name sets are built here), then call
/// ``decide(_:)`` per module key. Note: `all-linear` is expanded by the planner against a
/// model; here it is an ordinary regex string.
public struct ModuleMatcher: Sendable {
  private let matcher: TargetMatcher

  /// - Throws: ``PeftError`` `re.error` for an invalid regular expression.
  public init(config: LoraConfig) throws(PeftError) {
    matcher = try TargetMatcher(config: config)
  }

  /// The decision for a module key (`model.layers.0.self_attn.q_proj`).
  public func decide(_ key: String) -> MatchDecision { matcher.decide(key) }
}
