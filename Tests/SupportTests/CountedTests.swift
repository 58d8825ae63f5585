import Testing

@testable import Support

@Suite struct CountedTests {
  @Test func oneTakesTheSingularEveryOtherCountThePlural() {
    #expect(Counted.phrase(1, "case") == "1 case")
    #expect(Counted.phrase(0, "case") == "0 cases")
    #expect(Counted.phrase(2, "adapted module") == "2 adapted modules")
    #expect(Counted.phrase(3, "saved key", plural: "saved keys") == "3 saved keys")
  }
}
