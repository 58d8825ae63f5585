import Testing

@testable import LoRANumerics

@Suite struct LoraInitialisationTests {
  @Test func kaimingBoundIsOneOverSqrtFanIn() {
    #expect(abs(LoraInitialisation.kaimingUniformBound(fanIn: 16) - 0.25) < 1e-7)
    #expect(abs(LoraInitialisation.kaimingUniformBound(fanIn: 100) - 0.1) < 1e-7)
  }

  @Test func standardInitDrawsABoundedAndZeroB() throws {
    let (a, b) = try LoraInitialisation.linearFactors(
      inFeatures: 64, outFeatures: 10, r: 4, mode: .standard, seed: 0, key: "lin0.default")
    #expect(a.shape == [4, 64])
    #expect(b.shape == [10, 4])
    #expect(b.scalars.allSatisfy { $0 == 0 })
    #expect(a.scalars.allSatisfy { abs($0) <= 0.125 })
    #expect(a.scalars.contains { abs($0) > 0.1 })  // spread over the interval, not a constant
  }

  @Test func gaussianInitUsesStdOneOverR() throws {
    let (a, b) = try LoraInitialisation.linearFactors(
      inFeatures: 2000, outFeatures: 3, r: 4, mode: .gaussian, seed: 1, key: "x")
    let n = Double(a.count)
    let mean = a.scalars.reduce(0) { $0 + Double($1) } / n
    let std = (a.scalars.reduce(0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n).squareRoot()
    #expect(abs(std - 0.25) < 0.01)
    #expect(b.scalars.allSatisfy { $0 == 0 })
  }

  @Test func noReinitLeavesBNonZero() throws {
    let (_, b) = try LoraInitialisation.linearFactors(
      inFeatures: 8, outFeatures: 8, r: 2, mode: .noReinit, seed: 0, key: "x")
    #expect(b.scalars.contains { $0 != 0 })
    #expect(b.scalars.allSatisfy { abs($0) <= 1 / Float(2).squareRoot() })
  }

  @Test func embeddingStandardInitHasZeroAAndNormalB() throws {
    let (a, b) = try LoraInitialisation.embeddingFactors(
      numEmbeddings: 10, embeddingDim: 8, r: 2, mode: .standard, seed: 0, key: "emb.default")
    #expect(a.shape == [2, 10])
    #expect(b.shape == [8, 2])
    #expect(a.scalars.allSatisfy { $0 == 0 })
    #expect(b.scalars.contains { $0 != 0 })
    let (a2, _) = try LoraInitialisation.embeddingFactors(
      numEmbeddings: 10, embeddingDim: 8, r: 2, mode: .noReinit, seed: 0, key: "emb.default")
    #expect(a2.scalars.contains { $0 != 0 })
  }

  @Test func nonPositiveRankThrowsPeftMessage() {
    #expect(throws: TensorError.self) {
      try LoraInitialisation.linearFactors(inFeatures: 4, outFeatures: 4, r: 0, mode: .standard, seed: 0, key: "x")
    }
  }

  @Test func initModeParsesConfigValues() {
    #expect(LoraInitMode(jsonValue: true) == .standard)
    #expect(LoraInitMode(jsonValue: false) == .noReinit)
    #expect(LoraInitMode(jsonValue: "gaussian") == .gaussian)
    #expect(LoraInitMode(jsonValue: "pissa") == nil)
  }
}
