import Testing

@testable import LoRANumerics

@Suite struct TensorTests {
  @Test func initialiserRejectsWrongElementCount() {
    #expect(throws: TensorError.self) { try Tensor(shape: [2, 3], scalars: [1, 2, 3]) }
    #expect(throws: TensorError.self) { try Tensor(shape: [-1, 3]) }
  }

  @Test func matmulTransposingComputesLinearWithoutBias() throws {
    let x = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    let w = try Tensor(shape: [2, 3], scalars: [1, 0, -1, 0.5, 0.5, 0.5])
    let y = try x.matmul(transposing: w)
    #expect(y.shape == [2, 2])
    #expect(y.scalars == [-2, 3, -2, 7.5])
  }

  @Test func matmulRejectsInnerDimensionMismatch() throws {
    let a = try Tensor(shape: [2, 3])
    let b = try Tensor(shape: [2, 4])
    #expect(throws: TensorError.self) { try a.matmul(transposing: b) }
    #expect(throws: TensorError.self) { try a.matmul(b) }
    #expect(throws: TensorError.self) { try Tensor(vector: [1, 2]).transposed() }
  }

  @Test func plainMatmulMatchesTransposeForm() throws {
    let a = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    let b = try Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])
    #expect(try a.matmul(b).scalars == [22, 28, 49, 64])
    #expect(try a.matmul(b) == a.matmul(transposing: b.transposed()))
  }

  @Test func gatherRowsThrowsOnOutOfRangeIndex() throws {
    let table = try Tensor(shape: [3, 2], scalars: [0, 1, 2, 3, 4, 5])
    #expect(try table.gatherRows([2, 0]).scalars == [4, 5, 0, 1])
    #expect(throws: TensorError.self) { try table.gatherRows([3]) }
    #expect(throws: TensorError.self) { try table.gatherRows([-1]) }
  }

  @Test func reshapeKeepsScalarsAndChecksCount() throws {
    let t = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    #expect(try t.reshaped([3, 2]).shape == [3, 2])
    #expect(throws: TensorError.self) { try t.reshaped([4, 2]) }
    #expect(try t.element(at: [1, 2]) == 6)
    #expect(throws: TensorError.self) { try t.element(at: [2, 0]) }
  }
}
