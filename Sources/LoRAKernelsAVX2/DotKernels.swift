/// GEMM for very few rows (M <= 4): dot products along K, streaming each weight row once.
///
/// At M = 1 the product is memory bound (every weight is used once), so the kernels read the
/// weight rows sequentially with several independent accumulators and no packing.
enum DotKernels {
  /// `c[i, j] = (accumulate ? c[i, j] : 0) + bias[j] + dot(a[i, :], b[j, :])` for `i < m <= 4`,
  /// `j` in `columns`.
  static func run(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, bias: UnsafePointer<Float>?, accumulate: Bool, columns: Range<Int>
  ) {
    if m == 1 {
      oneRow(a, b, c, n: n, k: k, bias: bias, accumulate: accumulate, columns: columns)
    } else {
      fourRows(a, b, c, m: m, n: n, k: k, bias: bias, accumulate: accumulate, columns: columns)
    }
  }

  @inline(__always)
  static func write(
    _ value: Float, _ c: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, column j: Int,
    accumulate: Bool
  ) {
    c.pointee = (accumulate ? c.pointee : 0) + value + (bias.map { $0[j] } ?? 0)
  }

  /// One activation row against four weight rows at a time, two accumulators per row.
  static func oneRow(
    _ x: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    n: Int, k: Int, bias: UnsafePointer<Float>?, accumulate: Bool, columns: Range<Int>
  ) {
    let last = columns.upperBound - 1
    var j = columns.lowerBound
    while j < columns.upperBound {
      let w0 = b + j * k
      let w1 = b + min(j + 1, last) * k
      let w2 = b + min(j + 2, last) * k
      let w3 = b + min(j + 3, last) * k
      var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
      var t0 = SIMD8<Float>(), t1 = SIMD8<Float>(), t2 = SIMD8<Float>(), t3 = SIMD8<Float>()
      var p = 0
      while p + 16 <= k {
        let xa = load8(x + p)
        let xb = load8(x + p + 8)
        s0 = s0.addingProduct(xa, load8(w0 + p))
        t0 = t0.addingProduct(xb, load8(w0 + p + 8))
        s1 = s1.addingProduct(xa, load8(w1 + p))
        t1 = t1.addingProduct(xb, load8(w1 + p + 8))
        s2 = s2.addingProduct(xa, load8(w2 + p))
        t2 = t2.addingProduct(xb, load8(w2 + p + 8))
        s3 = s3.addingProduct(xa, load8(w3 + p))
        t3 = t3.addingProduct(xb, load8(w3 + p + 8))
        p += 16
      }
      if p + 8 <= k {
        let xa = load8(x + p)
        s0 = s0.addingProduct(xa, load8(w0 + p))
        s1 = s1.addingProduct(xa, load8(w1 + p))
        s2 = s2.addingProduct(xa, load8(w2 + p))
        s3 = s3.addingProduct(xa, load8(w3 + p))
        p += 8
      }
      var d0 = (s0 + t0).sum(), d1 = (s1 + t1).sum(), d2 = (s2 + t2).sum(), d3 = (s3 + t3).sum()
      while p < k {
        let xv = x[p]
        d0 += xv * w0[p]
        d1 += xv * w1[p]
        d2 += xv * w2[p]
        d3 += xv * w3[p]
        p += 1
      }
      let valid = min(4, columns.upperBound - j)
      write(d0, c + j, bias: bias, column: j, accumulate: accumulate)
      if valid > 1 { write(d1, c + j + 1, bias: bias, column: j + 1, accumulate: accumulate) }
      if valid > 2 { write(d2, c + j + 2, bias: bias, column: j + 2, accumulate: accumulate) }
      if valid > 3 { write(d3, c + j + 3, bias: bias, column: j + 3, accumulate: accumulate) }
      j += 4
    }
  }

  /// Up to four activation rows against two weight rows at a time (eight accumulators).
  /// Missing rows repeat row 0 and are discarded.
  static func fourRows(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, bias: UnsafePointer<Float>?, accumulate: Bool, columns: Range<Int>
  ) {
    let x0 = a
    let x1 = a + (m > 1 ? k : 0)
    let x2 = a + (m > 2 ? 2 * k : 0)
    let x3 = a + (m > 3 ? 3 * k : 0)
    let last = columns.upperBound - 1
    var j = columns.lowerBound
    while j < columns.upperBound {
      let w0 = b + j * k
      let w1 = b + min(j + 1, last) * k
      var s00 = SIMD8<Float>(), s10 = SIMD8<Float>(), s20 = SIMD8<Float>(), s30 = SIMD8<Float>()
      var s01 = SIMD8<Float>(), s11 = SIMD8<Float>(), s21 = SIMD8<Float>(), s31 = SIMD8<Float>()
      var p = 0
      while p + 8 <= k {
        let u0 = load8(w0 + p)
        let u1 = load8(w1 + p)
        var xv = load8(x0 + p)
        s00 = s00.addingProduct(xv, u0)
        s01 = s01.addingProduct(xv, u1)
        xv = load8(x1 + p)
        s10 = s10.addingProduct(xv, u0)
        s11 = s11.addingProduct(xv, u1)
        xv = load8(x2 + p)
        s20 = s20.addingProduct(xv, u0)
        s21 = s21.addingProduct(xv, u1)
        xv = load8(x3 + p)
        s30 = s30.addingProduct(xv, u0)
        s31 = s31.addingProduct(xv, u1)
        p += 8
      }
      var d00 = s00.sum(), d10 = s10.sum(), d20 = s20.sum(), d30 = s30.sum()
      var d01 = s01.sum(), d11 = s11.sum(), d21 = s21.sum(), d31 = s31.sum()
      while p < k {
        let v0 = w0[p]
        let v1 = w1[p]
        d00 += x0[p] * v0
        d01 += x0[p] * v1
        d10 += x1[p] * v0
        d11 += x1[p] * v1
        d20 += x2[p] * v0
        d21 += x2[p] * v1
        d30 += x3[p] * v0
        d31 += x3[p] * v1
        p += 1
      }
      let second = j + 1 < columns.upperBound
      @inline(__always) func writeRow(_ i: Int, _ v0: Float, _ v1: Float) {
        write(v0, c + i * n + j, bias: bias, column: j, accumulate: accumulate)
        if second { write(v1, c + i * n + j + 1, bias: bias, column: j + 1, accumulate: accumulate) }
      }
      writeRow(0, d00, d01)
      if m > 1 { writeRow(1, d10, d11) }
      if m > 2 { writeRow(2, d20, d21) }
      if m > 3 { writeRow(3, d30, d31) }
      j += 2
    }
  }
}
