/// The register tile of the main GEMM: 16 rows (two `SIMD8` along M) by 6 columns.
///
/// `cRJ` holds rows `8R..<8R+8` of column `J`. Twelve accumulators plus two panel loads and one
/// broadcast fit the sixteen AVX2 registers without spills.
struct Tile16x6 {
  var c00 = SIMD8<Float>(), c10 = SIMD8<Float>()
  var c01 = SIMD8<Float>(), c11 = SIMD8<Float>()
  var c02 = SIMD8<Float>(), c12 = SIMD8<Float>()
  var c03 = SIMD8<Float>(), c13 = SIMD8<Float>()
  var c04 = SIMD8<Float>(), c14 = SIMD8<Float>()
  var c05 = SIMD8<Float>(), c15 = SIMD8<Float>()
}

/// Six weight rows, the B side of one tile (rows `j..<j+6` of a `[n, k]` matrix).
struct SixRows {
  var r0, r1, r2, r3, r4, r5: UnsafePointer<Float>

  /// Rows `j..<j+6` of a row-major matrix with `stride` floats per row; rows at or beyond `n`
  /// repeat the last valid row (their results are computed and discarded).
  @inline(__always)
  init(_ base: UnsafePointer<Float>, row j: Int, rows n: Int, stride: Int) {
    let last = n - 1
    r0 = base + min(j, last) * stride
    r1 = base + min(j + 1, last) * stride
    r2 = base + min(j + 2, last) * stride
    r3 = base + min(j + 3, last) * stride
    r4 = base + min(j + 4, last) * stride
    r5 = base + min(j + 5, last) * stride
  }

  /// The same rows starting `offset` elements further along K.
  @inline(__always)
  func advanced(by offset: Int) -> SixRows {
    var copy = self
    copy.r0 += offset
    copy.r1 += offset
    copy.r2 += offset
    copy.r3 += offset
    copy.r4 += offset
    copy.r5 += offset
    return copy
  }
}

/// Runs `count` K steps of the tile: `acc += panel[p] ⊗ (w0[p] ... w5[p])` for `p < count`.
///
/// `panel` points at `count` groups of 16 packed activation values (one K step each). The
/// accumulators are copied into locals so the loop keeps them in registers; the function is kept
/// out of line so the register allocator sees this loop alone (inlined next to a second segment
/// it spilled accumulators to the stack, costing half the throughput).
@inline(never)
func tile16x6Segment(
  _ acc: inout Tile16x6, panel: UnsafePointer<Float>, weights w: SixRows, count: Int
) {
  var c00 = acc.c00, c10 = acc.c10, c01 = acc.c01, c11 = acc.c11
  var c02 = acc.c02, c12 = acc.c12, c03 = acc.c03, c13 = acc.c13
  var c04 = acc.c04, c14 = acc.c14, c05 = acc.c05, c15 = acc.c15
  let w0 = w.r0, w1 = w.r1, w2 = w.r2, w3 = w.r3, w4 = w.r4, w5 = w.r5
  var pa = panel
  var p = 0
  while p < count {
    let a0 = load8(pa)
    let a1 = load8(pa + 8)
    pa += 16
    var b = SIMD8<Float>(repeating: w0[p])
    c00 = c00.addingProduct(a0, b)
    c10 = c10.addingProduct(a1, b)
    b = SIMD8<Float>(repeating: w1[p])
    c01 = c01.addingProduct(a0, b)
    c11 = c11.addingProduct(a1, b)
    b = SIMD8<Float>(repeating: w2[p])
    c02 = c02.addingProduct(a0, b)
    c12 = c12.addingProduct(a1, b)
    b = SIMD8<Float>(repeating: w3[p])
    c03 = c03.addingProduct(a0, b)
    c13 = c13.addingProduct(a1, b)
    b = SIMD8<Float>(repeating: w4[p])
    c04 = c04.addingProduct(a0, b)
    c14 = c14.addingProduct(a1, b)
    b = SIMD8<Float>(repeating: w5[p])
    c05 = c05.addingProduct(a0, b)
    c15 = c15.addingProduct(a1, b)
    p += 1
  }
  acc.c00 = c00
  acc.c10 = c10
  acc.c01 = c01
  acc.c11 = c11
  acc.c02 = c02
  acc.c12 = c12
  acc.c03 = c03
  acc.c13 = c13
  acc.c04 = c04
  acc.c14 = c14
  acc.c05 = c05
  acc.c15 = c15
}

/// Where and how a tile is written back into row-major `C [m, n]`.
struct TileStore {
  let c: UnsafeMutablePointer<Float>
  let n: Int
  let bias: UnsafePointer<Float>?
  let accumulate: Bool

  /// Writes column `j` of the tile (two vectors of rows `i..<i+16`), `rows` of them valid.
  @inline(__always)
  func column(_ lo: SIMD8<Float>, _ hi: SIMD8<Float>, row i: Int, column j: Int, rows: Int) {
    let add: Float = bias.map { $0[j] } ?? 0
    var dst = c + i * n + j
    for q in 0..<min(rows, 8) {
      dst.pointee = (accumulate ? dst.pointee : 0) + lo[q] + add
      dst += n
    }
    if rows > 8 {
      for q in 0..<min(rows - 8, 8) {
        dst.pointee = (accumulate ? dst.pointee : 0) + hi[q] + add
        dst += n
      }
    }
  }

  /// Writes the valid `rows` x `cols` corner of `acc` at `(i, j)`.
  @inline(__always)
  func tile(_ acc: Tile16x6, row i: Int, column j: Int, rows: Int, cols: Int) {
    column(acc.c00, acc.c10, row: i, column: j, rows: rows)
    if cols > 1 { column(acc.c01, acc.c11, row: i, column: j + 1, rows: rows) }
    if cols > 2 { column(acc.c02, acc.c12, row: i, column: j + 2, rows: rows) }
    if cols > 3 { column(acc.c03, acc.c13, row: i, column: j + 3, rows: rows) }
    if cols > 4 { column(acc.c04, acc.c14, row: i, column: j + 4, rows: rows) }
    if cols > 5 { column(acc.c05, acc.c15, row: i, column: j + 5, rows: rows) }
  }
}
