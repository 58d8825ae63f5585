/// The entries of a JSON object or YAML mapping, in file order, with lookup by key.
///
/// Keys are unique: the readers reject duplicates, a literal keeps the first of a
/// repeated key, and assigning through the key subscript replaces an entry in place.
/// Large objects (a 70B model's weight map, a safetensors header) keep a key index,
/// so a lookup never scans them.
public struct ConfigObject: Hashable, Sendable {
  /// The entries, in order.
  public private(set) var entries: [ConfigEntry]
  /// Position of each key in `entries`, for objects larger than `indexThreshold`.
  private var index: [String: Int]?

  private static let indexThreshold = 16

  /// An empty object.
  public init() { entries = [] }

  /// An object of `entries`, in order; a repeated key keeps its first entry.
  public init<Entries: Sequence<ConfigEntry>>(_ entries: Entries) {
    self.init()
    for entry in entries where position(of: entry.key) == nil { append(entry) }
  }

  /// The value of `key`; setting replaces the entry in place or appends a new one,
  /// and setting `nil` removes it.
  public subscript(key: String) -> ConfigValue? {
    get { position(of: key).map { entries[$0].value } }
    set {
      if let at = position(of: key) {
        if let newValue {
          entries[at].value = newValue
        } else {
          entries.remove(at: at)
          reindex()
        }
      } else if let newValue {
        append(ConfigEntry(key: key, value: newValue))
      }
    }
  }

  /// Removes the entry of `key` and returns its value, if there was one.
  @discardableResult
  public mutating func removeValue(forKey key: String) -> ConfigValue? {
    let value = self[key]
    self[key] = nil
    return value
  }

  /// The entry of `key`, with its line.
  public func entry(_ key: String) -> ConfigEntry? { position(of: key).map { entries[$0] } }

  /// The keys, in order.
  public var keys: [String] { entries.map(\.key) }

  /// The object with `other`'s entries added; for a key in both, `combine` picks the
  /// value (kept at its first position).
  public func merging(_ other: ConfigObject, uniquingKeysWith combine: (ConfigValue, ConfigValue) -> ConfigValue)
    -> ConfigObject
  {
    var out = self
    for entry in other.entries {
      if let old = out[entry.key] {
        out[entry.key] = combine(old, entry.value)
      } else {
        out.append(entry)
      }
    }
    return out
  }

  /// Puts `entry` (value and line) in place of the entry with its key, or at the end.
  public mutating func set(_ entry: ConfigEntry) {
    if let at = position(of: entry.key) {
      entries[at] = entry
    } else {
      append(entry)
    }
  }

  /// Adds an entry at the end; the caller makes sure the key is new.
  private mutating func append(_ entry: ConfigEntry) {
    entries.append(entry)
    if index != nil {
      index?[entry.key] = entries.count - 1
    } else if entries.count > Self.indexThreshold {
      reindex()
    }
  }

  private mutating func reindex() {
    guard entries.count > Self.indexThreshold else {
      index = nil
      return
    }
    var built: [String: Int] = [:]
    built.reserveCapacity(entries.count)
    for (i, entry) in entries.enumerated() where built[entry.key] == nil { built[entry.key] = i }
    index = built
  }

  private func position(of key: String) -> Int? {
    if let index { return index[key] }
    return entries.firstIndex { $0.key == key }
  }

  /// Same entries in the same order (lines aside).
  public static func == (a: ConfigObject, b: ConfigObject) -> Bool { a.entries == b.entries }

  /// Hashes the entries in order.
  public func hash(into hasher: inout Hasher) { hasher.combine(entries) }
}

/// The entries in order, indexed from 0.
extension ConfigObject: RandomAccessCollection {
  /// 0.
  public var startIndex: Int { entries.startIndex }
  /// The number of entries.
  public var endIndex: Int { entries.endIndex }
  /// The entry at `position`.
  public subscript(position: Int) -> ConfigEntry { entries[position] }
}

extension ConfigObject: ExpressibleByDictionaryLiteral {
  /// An object of the literal's pairs, in the order written.
  public init(dictionaryLiteral elements: (String, ConfigValue)...) {
    self.init(elements.map { ConfigEntry(key: $0.0, value: $0.1) })
  }
}

extension ConfigObject: ExpressibleByArrayLiteral {
  /// An object of the literal's entries, in the order written.
  public init(arrayLiteral elements: ConfigEntry...) { self.init(elements) }
}
