import ConfigValues
import Testing

@Suite struct JSONParsingTests {
  @Test func parsesEveryKindOfValue() throws {
    let value = try ConfigValue.parseJSON(
      #"{"a": [1, -2.5e3, true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude00", "c": {}}"#)
    #expect(
      value
        == .object([
          "a": .array([.int(1), .double(-2500), .bool(true), .bool(false), .null]),
          "b": .string("x\"\\/\né😀"),
          "c": .object([:]),
        ]))
  }

  @Test func integersStayExactAndHugeOnesBecomeDoubles() throws {
    #expect(try ConfigValue.parseJSON("70553706496") == .int(70_553_706_496))
    #expect(try ConfigValue.parseJSON("1e-05") == .double(1e-5))
    #expect(try ConfigValue.parseJSON("500000.0").intValue == 500_000)
    #expect(try ConfigValue.parseJSON("123456789012345678901234567890") == .double(1.2345678901234568e29))
  }

  @Test(arguments: [
    ("{\"a\": 1,}", 1, 9), ("[1 2]", 1, 4), ("{\"a\": 1, \"a\": 2}", 1, 10), ("\"abc", 1, 5), ("01", 1, 2),
    ("{\n  \"x\": tru\n}", 2, 8), ("[1] 2", 1, 5), ("\"\\q\"", 1, 3), ("\"\\ud800\"", 1, 8), ("", 1, 1),
  ])
  func syntaxErrorsReportLineAndColumn(text: String, line: Int, column: Int) {
    do {
      _ = try ConfigValue.parseJSON(text)
      Issue.record("accepted \(text)")
    } catch {
      #expect(error.line == line)
      #expect(error.column == column)
    }
  }

  @Test func quotingEscapesLikeSerdeJSON() {
    #expect(ConfigValue.quoted("a\"b\\c\n\u{1}é/") == #""a\"b\\c\n\u0001é/""#)
    #expect(
      ConfigValue.object(["b": .int(1), "a": .array([.bool(true), .null])]).compactText == #"{"a":[true,null],"b":1}"#)
  }

  @Test func aByteOrderMarkIsSkipped() throws {
    #expect(try ConfigValue.parseJSON([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.int(1)]))
  }
}
