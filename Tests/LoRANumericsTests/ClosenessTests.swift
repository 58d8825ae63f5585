import Testing

@testable import LoRANumerics

@Suite struct ClosenessTests {
  @Test func shapeMismatchIsReportedBeforeValues() throws {
    let r = Closeness.compare(try Tensor(shape: [2, 2]), try Tensor(shape: [4]))
    #expect(!r.isClose)
    #expect(r.shapeMismatch?.actual == [2, 2])
    #expect(r.description.contains("shape [2, 2] differs from expected [4]"))
  }

  @Test func reportsWorstElement() throws {
    let a = Tensor(vector: [1, 2, 3.5, 4])
    let e = Tensor(vector: [1, 2.0001, 3, 4])
    let r = Closeness.compare(a, e, atol: 1e-3, rtol: 0)
    #expect(!r.isClose)
    #expect(r.worstIndex == 2)
    #expect(r.mismatchCount == 1)
    #expect(abs(r.maxAbsoluteError - 0.5) < 1e-6)
    #expect(Closeness.isClose(a, e, atol: 0.6, rtol: 0))
  }

  @Test func nanIsNeverClose() {
    #expect(!Closeness.isClose(Tensor(vector: [.nan]), Tensor(vector: [.nan])))
    #expect(Closeness.isClose(Tensor(vector: [.infinity]), Tensor(vector: [.infinity])))
    #expect(!Closeness.isClose(Tensor(vector: [.infinity]), Tensor(vector: [1])))
  }
}
