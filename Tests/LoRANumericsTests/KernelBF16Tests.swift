import LoRANumerics
import Testing

@Suite("GEMM over bf16 weights against the reference")
struct KernelBF16Tests {
  /// Runs one set's bf16 GEMM and the bf16 reference on one shape; returns the first mismatch.
  func mismatch(_ set: KernelSet, m: Int, n: Int, k: Int, accumulate: Bool, seed: UInt64) -> String? {
    var random = KernelTestRandom(seed: seed)
    let a = random.floats(m * k), bias = random.floats(n)
    let bits = random.floats(n * k).map { UInt16(truncatingIfNeeded: $0.bitPattern >> 16) }
    let widened = bits.map(BF16Kernels.float)
    let initial = accumulate ? random.floats(m * n) : [Float](repeating: .nan, count: m * n)
    let aBuffer = FloatBuffer(a), biasBuffer = FloatBuffer(bias)
    let wBuffer = UnsafeMutablePointer<UInt16>.allocate(capacity: max(1, bits.count))
    defer { wBuffer.deallocate() }
    for (index, value) in bits.enumerated() { wBuffer[index] = value }
    let fast = FloatBuffer(initial), slow = FloatBuffer(initial)
    set.gemmBF16(aBuffer.constant, wBuffer, fast.pointer, m, n, k, biasBuffer.constant, accumulate)
    BF16Kernels.referenceGEMM(
      aBuffer.constant, wBuffer, slow.pointer, m: m, n: n, k: k, bias: biasBuffer.constant, accumulate: accumulate)
    let scale = absoluteGEMMScale(a, widened, bias: bias, initial: accumulate ? initial : nil, m: m, n: n, k: k)
    return firstMismatch(actual: fast.values, expected: slow.values, scale: scale, terms: k + 2)
      .map { "\(set.name) m=\(m) n=\(n) k=\(k) accumulate=\(accumulate): \($0)" }
  }

  @Test("every kernel set matches the bf16 reference over ragged shapes", arguments: [1, 2, 5, 17])
  func ragged(m: Int) {
    for set in KernelSet.available() {
      for n in [1, 3, 13, 100] {
        for k in [1, 15, 16, 31, 32, 33, 100, 129] {
          let result = mismatch(set, m: m, n: n, k: k, accumulate: (n + k) % 2 == 0, seed: UInt64(m * 1000 + n + k))
          #expect(result == nil, "\(result ?? "")")
        }
      }
    }
  }

  @Test("bf16 weights are widened exactly (the upper half of an fp32)")
  func widening() {
    #expect(BF16Kernels.float(0x3F80) == 1)
    #expect(BF16Kernels.float(0xC040) == -3)
    #expect(BF16Kernels.float(0x7F80) == .infinity)
  }

  @Test("a threaded decode-sized bf16 GEMV matches the reference", arguments: [4099])
  func threaded(n: Int) {
    for set in KernelSet.available() {
      let result = mismatch(set, m: 1, n: n, k: 300, accumulate: false, seed: 9)
      #expect(result == nil, "\(result ?? "")")
    }
  }
}
