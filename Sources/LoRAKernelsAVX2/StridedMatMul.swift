/// `C = op(A) · B (+ C)` with `B` `[k, n]` row-major and `op(A)[i, p] = a[i * rowStride + p * stepStride]`.
///
/// With `rowStride = k, stepStride = 1` this is `A · B` (`A` `[m, k]`); with `rowStride = 1,
/// stepStride = m` it is `Aᵀ · B` (`A` `[k, m]`). The tile is 6 rows by 16 columns (two `SIMD8`
/// along N, twelve accumulators); column tails use an 8-wide tile, then scalar loops.
struct StridedMatMul: @unchecked Sendable {
  let a: UnsafePointer<Float>
  let rowStride: Int
  let stepStride: Int
  let b: UnsafePointer<Float>
  let c: UnsafeMutablePointer<Float>
  let m: Int, n: Int, k: Int
  let accumulate: Bool

  /// Runs the whole product.
  func run() {
    let rowBlocks = (m + 5) / 6
    let colBlocks = (n + 15) / 16
    let threads = Parallel.workers(work: m * n * k, units: max(rowBlocks, colBlocks))
    let splitRows = rowBlocks >= colBlocks
    Parallel.run(workers: threads) { worker in
      if splitRows {
        let part = Parallel.slice(rowBlocks, parts: threads, part: worker)
        compute(rows: (part.lowerBound * 6)..<min(m, part.upperBound * 6), columns: 0..<n)
      } else {
        let part = Parallel.slice(colBlocks, parts: threads, part: worker)
        compute(rows: 0..<m, columns: (part.lowerBound * 16)..<min(n, part.upperBound * 16))
      }
    }
  }

  @inline(__always)
  func put(_ v: SIMD8<Float>, row i: Int, column j: Int) {
    let dst = c + i * n + j
    store8(accumulate ? load8(dst) + v : v, dst)
  }

  func compute(rows: Range<Int>, columns: Range<Int>) {
    guard !rows.isEmpty, !columns.isEmpty else { return }
    var i = rows.lowerBound
    while i < rows.upperBound {
      let valid = min(6, rows.upperBound - i)
      let a0 = a + i * rowStride
      let a1 = a + (valid > 1 ? i + 1 : i) * rowStride
      let a2 = a + (valid > 2 ? i + 2 : i) * rowStride
      let a3 = a + (valid > 3 ? i + 3 : i) * rowStride
      let a4 = a + (valid > 4 ? i + 4 : i) * rowStride
      let a5 = a + (valid > 5 ? i + 5 : i) * rowStride
      let s = stepStride
      var j = columns.lowerBound
      while j + 16 <= columns.upperBound {
        var c00 = SIMD8<Float>(), c01 = SIMD8<Float>(), c10 = SIMD8<Float>(), c11 = SIMD8<Float>()
        var c20 = SIMD8<Float>(), c21 = SIMD8<Float>(), c30 = SIMD8<Float>(), c31 = SIMD8<Float>()
        var c40 = SIMD8<Float>(), c41 = SIMD8<Float>(), c50 = SIMD8<Float>(), c51 = SIMD8<Float>()
        var bp = b + j
        var ap = 0
        for _ in 0..<k {
          let b0 = load8(bp)
          let b1 = load8(bp + 8)
          bp += n
          var v = SIMD8<Float>(repeating: a0[ap])
          c00 = c00.addingProduct(v, b0)
          c01 = c01.addingProduct(v, b1)
          v = SIMD8<Float>(repeating: a1[ap])
          c10 = c10.addingProduct(v, b0)
          c11 = c11.addingProduct(v, b1)
          v = SIMD8<Float>(repeating: a2[ap])
          c20 = c20.addingProduct(v, b0)
          c21 = c21.addingProduct(v, b1)
          v = SIMD8<Float>(repeating: a3[ap])
          c30 = c30.addingProduct(v, b0)
          c31 = c31.addingProduct(v, b1)
          v = SIMD8<Float>(repeating: a4[ap])
          c40 = c40.addingProduct(v, b0)
          c41 = c41.addingProduct(v, b1)
          v = SIMD8<Float>(repeating: a5[ap])
          c50 = c50.addingProduct(v, b0)
          c51 = c51.addingProduct(v, b1)
          ap += s
        }
        put(c00, row: i, column: j)
        put(c01, row: i, column: j + 8)
        if valid > 1 {
          put(c10, row: i + 1, column: j)
          put(c11, row: i + 1, column: j + 8)
        }
        if valid > 2 {
          put(c20, row: i + 2, column: j)
          put(c21, row: i + 2, column: j + 8)
        }
        if valid > 3 {
          put(c30, row: i + 3, column: j)
          put(c31, row: i + 3, column: j + 8)
        }
        if valid > 4 {
          put(c40, row: i + 4, column: j)
          put(c41, row: i + 4, column: j + 8)
        }
        if valid > 5 {
          put(c50, row: i + 5, column: j)
          put(c51, row: i + 5, column: j + 8)
        }
        j += 16
      }
      if j + 8 <= columns.upperBound {
        var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>()
        var c3 = SIMD8<Float>(), c4 = SIMD8<Float>(), c5 = SIMD8<Float>()
        var bp = b + j
        var ap = 0
        for _ in 0..<k {
          let b0 = load8(bp)
          bp += n
          c0 = c0.addingProduct(SIMD8<Float>(repeating: a0[ap]), b0)
          c1 = c1.addingProduct(SIMD8<Float>(repeating: a1[ap]), b0)
          c2 = c2.addingProduct(SIMD8<Float>(repeating: a2[ap]), b0)
          c3 = c3.addingProduct(SIMD8<Float>(repeating: a3[ap]), b0)
          c4 = c4.addingProduct(SIMD8<Float>(repeating: a4[ap]), b0)
          c5 = c5.addingProduct(SIMD8<Float>(repeating: a5[ap]), b0)
          ap += s
        }
        put(c0, row: i, column: j)
        if valid > 1 { put(c1, row: i + 1, column: j) }
        if valid > 2 { put(c2, row: i + 2, column: j) }
        if valid > 3 { put(c3, row: i + 3, column: j) }
        if valid > 4 { put(c4, row: i + 4, column: j) }
        if valid > 5 { put(c5, row: i + 5, column: j) }
        j += 8
      }
      while j < columns.upperBound {
        for q in 0..<valid {
          let row = a + (i + q) * rowStride
          var sum: Float = 0
          var ap = 0
          for p in 0..<k {
            sum += row[ap] * b[p * n + j]
            ap += s
          }
          let dst = c + (i + q) * n + j
          dst.pointee = (accumulate ? dst.pointee : 0) + sum
        }
        j += 1
      }
      i += 6
    }
  }
}
