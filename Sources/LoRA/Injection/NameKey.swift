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
