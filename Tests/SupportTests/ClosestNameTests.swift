import Testing

@testable import Support

@Suite struct ClosestNameTests {
  @Test(arguments: [
    ("lamma", "llama"), ("Lineer", "Linear"), ("in_feature", "in_features"), ("qwen2vl", "qwen2_vl"),
    ("BERT", "bert"), ("tagret_modules", "target_modules"), ("expcet", "expect"),
  ])
  func closeMisspellingsFindTheIntendedName(word: String, expected: String) {
    let candidates = [
      "gemma", "llama", "Linear", "in_features", "out_features", "qwen2", "qwen2_vl", "bert", "t5", "target_modules",
      "expect", "model",
    ]
    #expect(ClosestName.match(word, among: candidates) == expected)
  }

  @Test func distantOrIdenticalWordsGetNoSuggestion() {
    #expect(ClosestName.match("transformer_xl", among: ["llama", "bert"]) == nil)
    #expect(ClosestName.match("completely_different", among: ["target_modules"]) == nil)
    #expect(ClosestName.match("x", among: []) == nil)
    #expect(ClosestName.match("llama", among: ["llama"]) == nil)
  }

  @Test func theThresholdGrowsWithTheLength() {
    #expect(ClosestName.match("abcd", among: ["abxy"]) == nil)
    #expect(ClosestName.match("abcdefgh", among: ["abcdefxy"]) == "abcdefxy")
    #expect(ClosestName.match("abcdefghijk", among: ["abcdefghxyz"]) == "abcdefghxyz")
  }

  @Test func tiesGoToTheLongerCommonPrefixThenAlphabetically() {
    #expect(ClosestName.match("q_projx", among: ["v_projx", "q_proj"]) == "q_proj")
    #expect(ClosestName.match("ab", among: ["ac", "aa"]) == "aa")
  }

  @Test func swapsOfNeighboursCountAsOneEdit() {
    #expect(ClosestName.editDistance("ab", "ba") == 1)
    #expect(ClosestName.editDistance("", "abc") == 3)
  }

  @Test func hostileLengthsGetNoSuggestionQuickly() {
    let long = String(repeating: "a", count: 100_000)
    #expect(ClosestName.match(long, among: [long + "b"]) == nil)
  }

  @Test func theOnePhrasing() {
    #expect(ClosestName.hint("lamma", among: ["llama"]) == "; did you mean 'llama'?")
    #expect(ClosestName.hint("zzz", among: ["llama"]) == "")
  }
}
