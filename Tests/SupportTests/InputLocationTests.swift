import Testing

@testable import Support

@Suite struct InputLocationTests {
  @Test func locationsPrintAsCompilersDo() {
    #expect(InputLocation(file: "a.md", line: 3, column: 7).description == "a.md:3:7")
    #expect(InputLocation(file: "a.md", line: 3).description == "a.md:3")
    #expect(InputLocation(file: "a.md").description == "a.md")
  }

  @Test func textPositionsCountLinesAndByteColumns() {
    let text = Array("ab\ncd\n".utf8)
    #expect(TextPosition.of(offset: 0, in: text) == (1, 1))
    #expect(TextPosition.of(offset: 4, in: text) == (2, 2))
    #expect(TextPosition.of(offset: 99, in: text) == (3, 1))
  }

  private struct Located: LocatedError {
    var location: InputLocation
    var message: String
  }

  @Test func locatedErrorsPrintFileLineAndMessage() {
    #expect(Located(location: .init(file: "x.json", line: 2), message: "bad").description == "x.json:2: bad")
    #expect(Located(location: .init(file: "x.json"), message: "bad").description == "x.json: bad")
  }
}
