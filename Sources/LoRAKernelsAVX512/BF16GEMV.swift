extension AVX512Kernels {
  /// `y = W x (+ bias) (+ y when accumulate)` with bf16 weights: x `[k]` (fp32), W `[n, k]` as
  /// bf16 bit patterns (the upper half of an fp32), bias `[n]`, y `[n]`. Each weight is widened
  /// exactly (a shift or a mask; `vdpbf16ps` would round x to bf16) and accumulated in fp32: decode (M = 1) reads half the bytes of the
  /// fp32 GEMM.
  public static func gemvBF16(
    _ x: UnsafePointer<Float>, _ w: UnsafePointer<UInt16>, _ y: UnsafeMutablePointer<Float>,
    n: Int, k: Int, bias: UnsafePointer<Float>?, accumulate: Bool
  ) {
    guard n > 0 else { return }
    // x split into its even and odd elements: a 64-byte load of weights holds sixteen pairs.
    let pairs = k / 2
    let split = UnsafeMutablePointer<Float>.allocate(capacity: max(1, 2 * pairs))
    defer { split.deallocate() }
    for q in 0..<pairs {
      split[q] = x[2 * q]
      split[pairs + q] = x[2 * q + 1]
    }
    let job = BF16Rows(
      x: x, even: UnsafePointer(split), odd: UnsafePointer(split + pairs), w: w, y: y, k: k, bias: bias,
      accumulate: accumulate)
    let threads = Workers.count(work: n * k, units: n)
    Workers.split(n, threads: threads) { rows in job.run(rows) }
  }
}

/// One thread's share of a bf16 GEMV: the output rows `rows`.
struct BF16Rows: @unchecked Sendable {
  let x: UnsafePointer<Float>
  /// `x[0], x[2], ...` and `x[1], x[3], ...`.
  let even: UnsafePointer<Float>
  let odd: UnsafePointer<Float>
  let w: UnsafePointer<UInt16>
  let y: UnsafeMutablePointer<Float>
  let k: Int
  let bias: UnsafePointer<Float>?
  let accumulate: Bool

  /// Four rows at a time (eight independent accumulators hide the FMA latency), then the rest.
  /// Each 64-byte load holds sixteen (even, odd) weight pairs: the even one widens with a shift,
  /// the odd one with a mask, both exactly.
  func run(_ rows: Range<Int>) {
    let high = SIMD16<UInt32>(repeating: 0xFFFF_0000)
    var j = rows.lowerBound
    while j + 4 <= rows.upperBound {
      let r0 = w + j * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k
      var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), a2 = SIMD16<Float>(), a3 = SIMD16<Float>()
      var b0 = SIMD16<Float>(), b1 = SIMD16<Float>(), b2 = SIMD16<Float>(), b3 = SIMD16<Float>()
      var p = 0
      while p + 32 <= k {
        let xe = load16(even + p / 2), xo = load16(odd + p / 2)
        let w0 = loadPairs(r0 + p), w1 = loadPairs(r1 + p), w2 = loadPairs(r2 + p), w3 = loadPairs(r3 + p)
        a0 = a0.addingProduct(xe, floats(w0 &<< 16))
        b0 = b0.addingProduct(xo, floats(w0 & high))
        a1 = a1.addingProduct(xe, floats(w1 &<< 16))
        b1 = b1.addingProduct(xo, floats(w1 & high))
        a2 = a2.addingProduct(xe, floats(w2 &<< 16))
        b2 = b2.addingProduct(xo, floats(w2 & high))
        a3 = a3.addingProduct(xe, floats(w3 &<< 16))
        b3 = b3.addingProduct(xo, floats(w3 & high))
        p += 32
      }
      finish(row: j, (a0 + b0).sum(), from: p)
      finish(row: j + 1, (a1 + b1).sum(), from: p)
      finish(row: j + 2, (a2 + b2).sum(), from: p)
      finish(row: j + 3, (a3 + b3).sum(), from: p)
      j += 4
    }
    while j < rows.upperBound {
      let row = w + j * k
      var a0 = SIMD16<Float>(), b0 = SIMD16<Float>()
      var p = 0
      while p + 32 <= k {
        let pair = loadPairs(row + p)
        a0 = a0.addingProduct(load16(even + p / 2), floats(pair &<< 16))
        b0 = b0.addingProduct(load16(odd + p / 2), floats(pair & high))
        p += 32
      }
      finish(row: j, (a0 + b0).sum(), from: p)
      j += 1
    }
  }

  /// Adds the scalar tail `p..<k`, the bias and the old value, and writes row `j`.
  @inline(__always)
  func finish(row j: Int, _ partial: Float, from p: Int) {
    var sum = partial
    let row = w + j * k
    for q in p..<k { sum += x[q] * Float(bitPattern: UInt32(row[q]) << 16) }
    y[j] = (accumulate ? y[j] : 0) + sum + (bias.map { $0[j] } ?? 0)
  }
}

/// Thirty-two bf16 values as sixteen (low: even, high: odd) pairs.
@inline(__always)
func loadPairs(_ p: UnsafePointer<UInt16>) -> SIMD16<UInt32> {
  UnsafeRawPointer(p).loadUnaligned(as: SIMD16<UInt32>.self)
}

/// fp32 values from their bit patterns.
@inline(__always)
func floats(_ bits: SIMD16<UInt32>) -> SIMD16<Float> {
  unsafeBitCast(bits, to: SIMD16<Float>.self)
}
