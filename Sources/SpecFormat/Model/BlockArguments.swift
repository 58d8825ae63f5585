/// The words after the keyword in a fence's info string: `expect adapted` has the
/// positional argument `adapted`; `lora name=other` the named argument `name`.
///
/// Words are separated by spaces; double or single quotes group a word
/// (`expect error match="not found"`).
public struct BlockArguments: Sendable, Hashable {
  /// Arguments without `=`, in order.
  public var positional: [String]
  /// `key=value` arguments, in order.
  public var named: [(key: String, value: String)]

  public init(positional: [String] = [], named: [(key: String, value: String)] = []) {
    self.positional = positional
    self.named = named
  }

  /// Splits `text` (the info string after the keyword) into arguments.
  public init(parsing text: some StringProtocol) {
    positional = []
    named = []
    for word in Self.words(String(text)) {
      if let equals = word.firstIndex(of: "="), equals != word.startIndex {
        named.append((String(word[..<equals]), String(word[word.index(after: equals)...])))
      } else {
        positional.append(word)
      }
    }
  }

  /// The value of the named argument `key` (the first when repeated).
  public subscript(key: String) -> String? {
    named.first { $0.key == key }?.value
  }

  public static func == (lhs: BlockArguments, rhs: BlockArguments) -> Bool {
    lhs.positional == rhs.positional && lhs.named.elementsEqual(rhs.named) { $0 == $1 }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(positional)
    for pair in named {
      hasher.combine(pair.key)
      hasher.combine(pair.value)
    }
  }

  private static func words(_ text: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quote: Character?
    var inWord = false
    for character in text {
      if let open = quote {
        if character == open { quote = nil } else { current.append(character) }
      } else if character == "\"" || character == "'" {
        quote = character
        inWord = true
      } else if character == " " || character == "\t" {
        if inWord { words.append(current) }
        current = ""
        inWord = false
      } else {
        current.append(character)
        inWord = true
      }
    }
    if inWord { words.append(current) }
    return words
  }
}
