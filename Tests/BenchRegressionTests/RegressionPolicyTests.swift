import Testing

@testable import BenchRegression

@Suite("Regression policy settings and JUnit output")
struct RegressionPolicyTests {
  @Test("The defaults are alpha 0.01, a 5 % noise threshold and a 95 % interval")
  func defaults() {
    let policy = RegressionPolicy.default
    #expect(policy.alpha == 0.01)
    #expect(policy.noiseThreshold == 0.05)
    #expect(policy.confidence == 0.95)
    #expect(policy.resamples == 10_000)
    #expect(!policy.strict)
  }

  @Test("Bench block settings accept percentages and fractions")
  func settings() throws {
    let policy = try RegressionPolicy.default.applying(settings: [
      "threshold": "3%", "alpha": "0.05", "confidence": "99%", "strict": "true", "resamples": "2000",
    ])
    #expect(abs(policy.noiseThreshold - 0.03) < 1e-12)
    #expect(policy.alpha == 0.05)
    #expect(abs(policy.confidence - 0.99) < 1e-12)
    #expect(policy.strict)
    #expect(policy.resamples == 2000)
  }

  @Test("Bad settings are refused, naming the key and what is accepted")
  func badSettings() {
    #expect(throws: PolicySettingError(key: "threshold", value: "lots", expected: "a number such as 0.05 or 5%")) {
      try RegressionPolicy.default.applying(settings: ["threshold": "lots"])
    }
    #expect(throws: PolicySettingError.self) { try RegressionPolicy.default.applying(settings: ["alpha": "0"]) }
    #expect(throws: PolicySettingError.self) { try RegressionPolicy.default.applying(settings: ["alpha": "150%"]) }
    #expect(throws: PolicySettingError.self) { try RegressionPolicy.default.applying(settings: ["treshold": "5%"]) }
  }
}
