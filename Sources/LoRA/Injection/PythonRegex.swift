import Foundation

/// A Python `re` pattern, compiled once, evaluated with ICU (`NSRegularExpression`).
///
/// Python syntax ICU reads differently is rewritten before compiling:
/// - `(?P<name>...)` and `(?P=name)` become `(?<name>...)` and `\k<name>`;
/// - `\Z` (Python: end of string) becomes `\z` (ICU's `\Z` also matches before a final newline);
/// - inside a character class, `[` and `&` are escaped (ICU reads `[[` and `&&` as set operations,
///   Python as literal characters);
/// - a `{` that does not start a valid quantifier (`{i}`) is escaped (Python takes it literally,
///   ICU rejects it).
/// Remaining known difference: ICU accepts some syntax Python rejects (for example
/// set operations written with nested classes); such patterns work here and raise in PEFT.
struct PythonRegex: @unchecked Sendable {
  /// The pattern as written in the config.
  let pattern: String
  private let full: NSRegularExpression
  private let prefix: NSRegularExpression

  init(_ pattern: String) throws(PeftError) {
    self.pattern = pattern
    let translated = Self.translate(pattern)
    do {
      full = try NSRegularExpression(pattern: "(?:" + translated + ")\\z")
      prefix = try NSRegularExpression(pattern: translated)
    } catch {
      throw PeftError(
        .regexError, "invalid regular expression \(PythonRepr.string(pattern)): \(error.localizedDescription)")
    }
  }

  /// `re.fullmatch(pattern, s)`.
  func fullMatch(_ s: String) -> Bool {
    let range = NSRange(location: 0, length: s.utf16.count)
    return full.firstMatch(in: s, options: [.anchored], range: range) != nil
  }

  /// `re.match(pattern, s)` (anchored at the start): the text of capture group `group`, or
  /// `""` when the pattern matched and has no such group; nil when it did not match.
  func match(_ s: String, group: Int = 0) -> Substring? {
    let range = NSRange(location: 0, length: s.utf16.count)
    guard let m = prefix.firstMatch(in: s, options: [.anchored], range: range) else { return nil }
    guard group < m.numberOfRanges, let r = Range(m.range(at: group), in: s) else { return "" }
    return s[r]
  }

  /// `re.match(pattern, s)`: the text of the named group, or nil when there is no match
  /// or the group did not participate.
  func match(_ s: String, named name: String) -> Substring? {
    let range = NSRange(location: 0, length: s.utf16.count)
    guard let m = prefix.firstMatch(in: s, options: [.anchored], range: range) else { return nil }
    let groupRange = m.range(withName: name)
    guard groupRange.location != NSNotFound, let r = Range(groupRange, in: s) else { return nil }
    return s[r]
  }

  /// Python syntax rewritten for ICU (see the type's documentation).
  static func translate(_ pattern: String) -> String {
    let chars = Array(pattern)
    var out = ""
    var i = 0
    var inClass = false
    while i < chars.count {
      let c = chars[i]
      if c == "\\" {
        if i + 1 < chars.count {
          let n = chars[i + 1]
          out += n == "Z" && !inClass ? "\\z" : "\\" + String(n)
          i += 2
        } else {
          out += "\\\\"
          i += 1
        }
        continue
      }
      if inClass {
        if c == "]" {
          inClass = false
          out.append(c)
        } else if c == "[" || c == "&" {
          out += "\\" + String(c)
        } else {
          out.append(c)
        }
        i += 1
        continue
      }
      switch c {
      case "[":
        inClass = true
        out.append(c)
        if i + 1 < chars.count, chars[i + 1] == "^" {
          out.append("^")
          i += 1
        }
        if i + 1 < chars.count, chars[i + 1] == "]" {  // a leading ] is literal in both dialects
          out += "\\]"
          i += 1
        }
      case "(" where i + 2 < chars.count && chars[i + 1] == "?" && chars[i + 2] == "P":
        if i + 3 < chars.count, chars[i + 3] == "<" {
          out += "(?<"
          i += 3
        } else if i + 3 < chars.count, chars[i + 3] == "=" {
          var j = i + 4
          var name = ""
          while j < chars.count, chars[j] != ")" {
            name.append(chars[j])
            j += 1
          }
          out += "\\k<\(name)>"
          i = j
        } else {
          out.append(c)
        }
      case "{":
        if isQuantifier(chars, at: i) { out.append(c) } else { out += "\\{" }
      case "}":
        out += isClosingQuantifier(chars, at: i) ? "}" : "\\}"
      default:
        out.append(c)
      }
      i += 1
    }
    return out
  }

  /// `{m}`, `{m,}`, `{,n}`, `{m,n}` (Python's quantifier forms).
  private static func isQuantifier(_ chars: [Character], at start: Int) -> Bool {
    var j = start + 1
    var digits = 0
    var comma = false
    while j < chars.count {
      let c = chars[j]
      if c == "}" { return digits > 0 }
      if c == "," {
        if comma { return false }
        comma = true
      } else if c.isASCII && c.isNumber {
        digits += 1
      } else {
        return false
      }
      j += 1
    }
    return false
  }

  private static func isClosingQuantifier(_ chars: [Character], at end: Int) -> Bool {
    var j = end - 1
    while j >= 0 {
      let c = chars[j]
      if c == "{" { return j == 0 || chars[j - 1] != "\\" ? isQuantifier(chars, at: j) : false }
      if !(c == "," || (c.isASCII && c.isNumber)) { return false }
      j -= 1
    }
    return false
  }
}
