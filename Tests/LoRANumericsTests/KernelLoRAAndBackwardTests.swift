import LoRANumerics
import Testing

@Suite("Fused LoRA forward and backward GEMMs against the reference")
struct KernelLoRAAndBackwardTests {
  /// Σ|products| of each output of `X Wᵀ + b + (s X Aᵀ) Bᵀ`, with |T| bounded by s·Σ|x||a|.
  func loraScale(
    x: [Float], w: [Float], bias: [Float], a: [Float], b: [Float], scale: Float, m: Int, n: Int, k: Int,
    r: Int
  ) -> [Float] {
    let base = absoluteGEMMScale(x, w, bias: bias, initial: nil, m: m, n: n, k: k)
    let t = absoluteGEMMScale(x, a, bias: nil, initial: nil, m: m, n: r, k: k).map { $0 * abs(scale) }
    let low = absoluteGEMMScale(t, b, bias: nil, initial: nil, m: m, n: n, k: r)
    return zip(base, low).map { $0 + $1 }
  }

  func loraMismatch(m: Int, n: Int, k: Int, r: Int, seed: UInt64) -> String? {
    acceleratedSets.lazy.compactMap { loraMismatch($0, m: m, n: n, k: k, r: r, seed: seed) }.first
  }

  func loraMismatch(_ set: KernelSet, m: Int, n: Int, k: Int, r: Int, seed: UInt64) -> String? {
    var random = KernelTestRandom(seed: seed)
    let x = random.floats(m * k), w = random.floats(n * k), bias = random.floats(n)
    let a = random.floats(r * k), b = random.floats(n * r)
    let scale: Float = 2.5
    let buffers = (FloatBuffer(x), FloatBuffer(w), FloatBuffer(bias), FloatBuffer(a), FloatBuffer(b))
    let fast = FloatBuffer([Float](repeating: .nan, count: m * n))
    let slow = FloatBuffer([Float](repeating: .nan, count: m * n))
    set.loraForward(
      buffers.0.constant, buffers.1.constant, buffers.2.constant, buffers.3.constant, buffers.4.constant, scale,
      fast.pointer, m, n, k, r)
    ReferenceKernels.loraForward(
      x: buffers.0.constant, weight: buffers.1.constant, bias: buffers.2.constant, loraA: buffers.3.constant,
      loraB: buffers.4.constant, scale: scale, output: slow.pointer, m: m, n: n, k: k, r: r)
    let tolerance = loraScale(x: x, w: w, bias: bias, a: a, b: b, scale: scale, m: m, n: n, k: k, r: r)
    return firstMismatch(actual: fast.values, expected: slow.values, scale: tolerance, terms: k + r + 2)
      .map { "\(set.name) m=\(m) n=\(n) k=\(k) r=\(r): \($0)" }
  }

  @Test("fused LoRA forward matches the reference over ragged shapes and ranks", arguments: [1, 2, 7, 8, 16, 17, 64])
  func loraRagged(r: Int) {
    for m in [1, 2, 3, 4, 5, 9, 16, 17, 33, 47, 65] {
      for (n, k) in [(1, 1), (7, 9), (17, 31), (6, 64), (13, 100)] {
        let mismatch = loraMismatch(m: m, n: n, k: k, r: r, seed: UInt64(m * 1000 + n * 10 + r))
        #expect(mismatch == nil, "\(mismatch ?? "")")
      }
    }
  }

  @Test("fused LoRA forward matches the reference with K = 4096")
  func loraLong() {
    for (m, n) in [(1, 9), (17, 7)] {
      let mismatch = loraMismatch(m: m, n: n, k: 4096, r: 16, seed: 99)
      #expect(mismatch == nil, "\(mismatch ?? "")")
    }
  }

  @Test("with B = 0 the fused forward equals the base GEMM bit for bit")
  func zeroBIsExactlyBase() {
    for set in acceleratedSets {
      for (m, n, k, r) in [(1, 33, 64, 8), (3, 17, 31, 4), (40, 50, 129, 16)] {
        var random = KernelTestRandom(seed: 5)
        let x = FloatBuffer(random.floats(m * k)), w = FloatBuffer(random.floats(n * k))
        let bias = FloatBuffer(random.floats(n)), a = FloatBuffer(random.floats(r * k))
        let b = FloatBuffer(zeros: n * r)
        let fused = FloatBuffer(zeros: m * n), base = FloatBuffer(zeros: m * n)
        set.loraForward(
          x.constant, w.constant, bias.constant, a.constant, b.constant, 2, fused.pointer, m, n, k, r)
        set.gemm(x.constant, w.constant, base.pointer, m, n, k, bias.constant, false)
        #expect(fused.values == base.values, "\(set.name) m=\(m) n=\(n) k=\(k) r=\(r)")
      }
    }
  }

  /// Compares the accelerated `C = op(A)·B` with its reference twin.
  func matmulMismatch(transposedA: Bool, m: Int, n: Int, k: Int, accumulate: Bool, seed: UInt64) -> String? {
    acceleratedSets.lazy.compactMap {
      matmulMismatch($0, transposedA: transposedA, m: m, n: n, k: k, accumulate: accumulate, seed: seed)
    }.first
  }

  func matmulMismatch(
    _ set: KernelSet, transposedA: Bool, m: Int, n: Int, k: Int, accumulate: Bool, seed: UInt64
  ) -> String? {
    var random = KernelTestRandom(seed: seed)
    let a = random.floats(m * k), b = random.floats(k * n)
    let initial = accumulate ? random.floats(m * n) : [Float](repeating: .nan, count: m * n)
    let aBuffer = FloatBuffer(a), bBuffer = FloatBuffer(b)
    let fast = FloatBuffer(initial), slow = FloatBuffer(initial)
    if transposedA {
      set.matmulTransposedA(aBuffer.constant, bBuffer.constant, fast.pointer, m, n, k, accumulate)
      ReferenceKernels.matmulTransposedA(
        aBuffer.constant, bBuffer.constant, slow.pointer, m: m, n: n, k: k, accumulate: accumulate)
    } else {
      set.matmul(aBuffer.constant, bBuffer.constant, fast.pointer, m, n, k, accumulate)
      ReferenceKernels.matmul(
        aBuffer.constant, bBuffer.constant, slow.pointer, m: m, n: n, k: k, accumulate: accumulate)
    }
    // Σ|a||b| via the A·Bᵀ reference on explicit transposes.
    let opA = transposedA ? transpose(a, rows: k, cols: m) : a
    let bT = transpose(b, rows: k, cols: n)
    let scale = absoluteGEMMScale(opA, bT, bias: nil, initial: accumulate ? initial : nil, m: m, n: n, k: k)
    return firstMismatch(actual: fast.values, expected: slow.values, scale: scale, terms: k + 1)
      .map { "\(set.name) transposedA=\(transposedA) m=\(m) n=\(n) k=\(k) accumulate=\(accumulate): \($0)" }
  }

  func transpose(_ values: [Float], rows: Int, cols: Int) -> [Float] {
    var out = [Float](repeating: 0, count: values.count)
    for i in 0..<rows { for j in 0..<cols { out[j * rows + i] = values[i * cols + j] } }
    return out
  }

  @Test("C = A·B and C = Aᵀ·B match the reference over ragged shapes", arguments: [false, true])
  func backwardRagged(transposedA: Bool) {
    for (index, m) in raggedSizes.enumerated() {
      for n in raggedSizes {
        for k in [1, 9, 33] {
          let mismatch = matmulMismatch(
            transposedA: transposedA, m: m, n: n, k: k, accumulate: (index + n + k) % 2 == 0,
            seed: UInt64(m * 10_000 + n * 100 + k))
          #expect(mismatch == nil, "\(mismatch ?? "")")
        }
      }
    }
  }

  @Test("C = A·B and C = Aᵀ·B match the reference with K = 4096 and when threaded")
  func backwardLong() {
    for transposedA in [false, true] {
      for (m, n, k) in [(3, 17, 4096), (7, 4096, 2), (129, 100, 64), (2, 1000, 300)] {
        let mismatch = matmulMismatch(transposedA: transposedA, m: m, n: n, k: k, accumulate: true, seed: 3)
        #expect(mismatch == nil, "\(mismatch ?? "")")
      }
    }
  }
}
