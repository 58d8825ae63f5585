import LoRANumerics
import Testing

/// The ragged sizes every accelerated kernel is checked on (tails of the 16x6, 8 and 4 tiles).
let raggedSizes = [1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 129]

/// Runs every accelerated set's GEMM and the reference on one shape; returns the first mismatch.
func gemmMismatch(m: Int, n: Int, k: Int, withBias: Bool, accumulate: Bool, seed: UInt64) -> String? {
  acceleratedSets.lazy.compactMap {
    gemmMismatch($0, m: m, n: n, k: k, withBias: withBias, accumulate: accumulate, seed: seed)
  }.first
}

/// Runs one set's GEMM and the reference on one shape and returns the first mismatch.
func gemmMismatch(
  _ set: KernelSet, m: Int, n: Int, k: Int, withBias: Bool, accumulate: Bool, seed: UInt64
) -> String? {
  var random = KernelTestRandom(seed: seed)
  let a = random.floats(m * k), b = random.floats(n * k)
  let bias = withBias ? random.floats(n) : nil
  let initial = accumulate ? random.floats(m * n) : nil
  let aBuffer = FloatBuffer(a), bBuffer = FloatBuffer(b), biasBuffer = bias.map(FloatBuffer.init)
  let fast = FloatBuffer(initial ?? [Float](repeating: .nan, count: m * n))
  let slow = FloatBuffer(initial ?? [Float](repeating: .nan, count: m * n))
  set.gemm(aBuffer.constant, bBuffer.constant, fast.pointer, m, n, k, biasBuffer?.constant, accumulate)
  ReferenceKernels.gemm(
    aBuffer.constant, bBuffer.constant, slow.pointer, m: m, n: n, k: k, bias: biasBuffer?.constant,
    accumulate: accumulate)
  let scale = absoluteGEMMScale(a, b, bias: bias, initial: initial, m: m, n: n, k: k)
  return firstMismatch(actual: fast.values, expected: slow.values, scale: scale, terms: k + 2)
    .map { "\(set.name) m=\(m) n=\(n) k=\(k) bias=\(withBias) accumulate=\(accumulate): \($0)" }
}

@Suite("Accelerated GEMM C = A·Bᵀ against the reference")
struct KernelGEMMTests {
  @Test("matches the reference for every ragged M x N at several K", arguments: [1, 8, 9, 31, 129, 300])
  func raggedMN(k: Int) {
    for (index, m) in raggedSizes.enumerated() {
      for n in raggedSizes {
        let variant = (index + n) % 4
        let mismatch = gemmMismatch(
          m: m, n: n, k: k, withBias: variant & 1 == 1, accumulate: variant & 2 == 2,
          seed: UInt64(m * 10_000 + n * 100 + k))
        #expect(mismatch == nil, "\(mismatch ?? "")")
      }
    }
  }

  @Test("matches the reference for every ragged K", arguments: raggedSizes)
  func raggedK(k: Int) {
    for m in [1, 4, 5, 16, 17, 33] {
      for n in [1, 6, 7, 13] {
        let mismatch = gemmMismatch(m: m, n: n, k: k, withBias: true, accumulate: false, seed: UInt64(k))
        #expect(mismatch == nil, "\(mismatch ?? "")")
      }
    }
  }

  @Test("matches the reference with K = 4096 and with N = 4096")
  func long() {
    for (m, n, k) in [(1, 13, 4096), (3, 7, 4096), (17, 7, 4096), (2, 4096, 3), (33, 4096, 2)] {
      let mismatch = gemmMismatch(m: m, n: n, k: k, withBias: true, accumulate: true, seed: 4096)
      #expect(mismatch == nil, "\(mismatch ?? "")")
    }
  }

  @Test("multithreaded shapes (work above the parallel threshold) match the reference")
  func threaded() {
    for (m, n, k) in [(129, 100, 64), (4, 1000, 129), (1, 4099, 100), (300, 7, 200)] {
      let mismatch = gemmMismatch(m: m, n: n, k: k, withBias: false, accumulate: false, seed: 7)
      #expect(mismatch == nil, "\(mismatch ?? "")")
    }
  }

  @Test("K = 0 gives bias only (or leaves C when accumulating)")
  func emptyReduction() {
    for set in acceleratedSets {
      for m in [2, 7] {
        let bias = FloatBuffer([1, 2, 3])
        let c = FloatBuffer([Float](repeating: 9, count: m * 3))
        let expected = [[Float]](repeating: [1, 2, 3], count: m).flatMap { $0 }
        set.gemm(bias.constant, bias.constant, c.pointer, m, 3, 0, bias.constant, false)
        #expect(c.values == expected, "\(set.name) m=\(m)")
        set.gemm(bias.constant, bias.constant, c.pointer, m, 3, 0, nil, true)
        #expect(c.values == expected, "\(set.name) m=\(m)")
      }
    }
  }

  @Test("the dispatching Kernels.gemm matches the reference on large and tiny shapes")
  func dispatch() {
    for (m, n, k) in [(2, 3, 4), (40, 50, 60)] {
      var random = KernelTestRandom(seed: 11)
      let a = FloatBuffer(random.floats(m * k)), b = FloatBuffer(random.floats(n * k))
      let fast = FloatBuffer(zeros: m * n), slow = FloatBuffer(zeros: m * n)
      Kernels.gemm(a.constant, b.constant, fast.pointer, m: m, n: n, k: k)
      ReferenceKernels.gemm(a.constant, b.constant, slow.pointer, m: m, n: n, k: k)
      let scale = absoluteGEMMScale(a.values, b.values, bias: nil, initial: nil, m: m, n: n, k: k)
      #expect(firstMismatch(actual: fast.values, expected: slow.values, scale: scale, terms: k) == nil)
    }
  }
}
