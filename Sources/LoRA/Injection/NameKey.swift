/// A module name (or a dotted suffix of one) compared and hashed by its UTF-8 bytes, as
/// Python compares `str` (code points, no Unicode normalisation); and much cheaper to hash
/// than `Substring`, which planning does thousands of times.
struct NameKey: Hashable, Sendable {
  let text: Substring

  init(_ text: Substring) { self.text = text }
  init(_ text: String) { self.text = text[...] }

  static func == (a: NameKey, b: NameKey) -> Bool {
    a.text.utf8.count == b.text.utf8.count && a.text.utf8.elementsEqual(b.text.utf8)
  }

  func hash(into hasher: inout Hasher) {
    if let done: Void = text.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    ) {
      return done
    }
    for b in text.utf8 { hasher.combine(b) }
  }
}

/// Module names as a hash set, with the byte lengths the names have: suffix lookups hash only
/// the suffixes of a key whose length some name has (a key of 10,000 dotted parts otherwise
/// hashes every one of its suffixes, and planning such a tree took minutes).
struct NameSet: Sendable {
  /// The names.
  let keys: Set<NameKey>
  /// The UTF-8 lengths of the names.
  let lengths: Set<Int>

  init(_ names: some Sequence<String>) {
    let keys = Set(names.map { NameKey($0) })
    self.keys = keys
    lengths = Set(keys.lazy.map(\.text.utf8.count))
  }

  var isEmpty: Bool { keys.isEmpty }

  func contains(_ key: NameKey) -> Bool { keys.contains(key) }
}
