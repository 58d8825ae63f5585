import Testing

@testable import LoRA

@Suite struct HostileConfigTests {
  @Test(arguments: [
    (#"{"r": 1152921504606846976, "target_modules": ["q"]}"#, "r = 1152921504606846976"),
    (#"{"r": 8, "rank_pattern": {"q": 99999999999}, "target_modules": ["q"]}"#, "rank_pattern['q'] = 99999999999"),
  ])
  func ranksBeyondAnyLayerAreRefusedNamingTheField(json: String, field: String) {
    #expect {
      try LoraConfig.decode(json)
    } throws: { error in
      "\(error)".contains(field) && "\(error)".contains("beyond the ranks the reference engine models")
    }
  }
}
