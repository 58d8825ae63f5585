import LoRAModels
import Testing

@Suite struct SuggestionTests {
  @Test(arguments: [
    ("lamma", "llama"), ("Lineer", "Linear"), ("in_feature", "in_features"), ("qwen2vl", "qwen2_vl"),
    ("BERT", "bert"),
  ])
  func closeMisspellingsFindTheIntendedName(word: String, expected: String) {
    let candidates = ["gemma", "llama", "Linear", "in_features", "out_features", "qwen2", "qwen2_vl", "bert", "t5"]
    #expect(Suggestion.closest(to: word, in: candidates) == expected)
  }

  @Test func distantWordsGetNoSuggestion() {
    #expect(Suggestion.closest(to: "transformer_xl", in: ["llama", "bert"]) == nil)
    #expect(Suggestion.closest(to: "x", in: []) == nil)
  }
}
