/// A register tile of the packed GEMM: `rows` activation rows (packed, vectors along M) by
/// `columns` weight rows (broadcast straight from the weights).
///
/// Two shapes are used (see ``TiledGEMM``): 32x3 for full 32-row panels (four panel loads and
/// three broadcasts per twelve FMAs; measured fastest here, no spills), and 16x4 for a last
/// panel of at most 16 rows (M = 16 would waste half of a 32-row tile).
protocol TileKernel {
  /// Rows per tile (the height of the packed panel it reads).
  static var rows: Int { get }
  /// Columns (weight rows) per tile.
  static var columns: Int { get }
  /// A zero tile.
  init()
  /// Runs `count` K steps over a panel and the weight rows.
  mutating func run(panel: UnsafePointer<Float>, weights: WeightRows, count: Int)
  /// Writes the valid corner of the tile into `C`.
  func store(_ store: TileStore, row: Int, column: Int, rows: Int, cols: Int)
}

/// Up to four weight rows of a tile (rows `j..<j+columns` of a `[n, k]` matrix).
struct WeightRows {
  var r0, r1, r2, r3: UnsafePointer<Float>

  /// Rows `j..<j+4` of a row-major matrix with `stride` floats per row; rows at or beyond `n`
  /// repeat the last valid row (their results are computed and discarded).
  @inline(__always)
  init(_ base: UnsafePointer<Float>, row j: Int, rows n: Int, stride: Int) {
    let last = n - 1
    r0 = base + min(j, last) * stride
    r1 = base + min(j + 1, last) * stride
    r2 = base + min(j + 2, last) * stride
    r3 = base + min(j + 3, last) * stride
  }

  /// The same rows starting `offset` elements further along K.
  @inline(__always)
  func advanced(by offset: Int) -> WeightRows {
    var copy = self
    copy.r0 += offset
    copy.r1 += offset
    copy.r2 += offset
    copy.r3 += offset
    return copy
  }
}

/// Where and how tiles are written back into row-major `C [m, n]` (transposed scalar stores,
/// plus bias, plus the old value when accumulating).
struct TileStore {
  let c: UnsafeMutablePointer<Float>
  let n: Int
  let bias: UnsafePointer<Float>?
  let accumulate: Bool

  /// Writes rows `i..<i + min(valid, 8)` of column `j` from one accumulator.
  @inline(__always)
  func part(_ v: SIMD8<Float>, row i: Int, column j: Int, valid: Int) {
    guard valid > 0 else { return }
    let add: Float = bias.map { $0[j] } ?? 0
    var dst = c + i * n + j
    for q in 0..<min(valid, 8) {
      dst.pointee = (accumulate ? dst.pointee : 0) + v[q] + add
      dst += n
    }
  }
}
