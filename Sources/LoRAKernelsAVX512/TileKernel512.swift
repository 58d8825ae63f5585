/// A register tile of the AVX-512 packed GEMM: `rows` activation rows (packed, `SIMD16` along M)
/// by `columns` weight rows (broadcast straight from the weights).
///
/// Two shapes share one column width (so tall and short panels share column blocks): 32x12 for
/// full 32-row panels (24 accumulators, two panel loads and twelve broadcasts per 24 FMAs) and
/// 16x12 for a last panel of at most 16 rows (M = 16 would waste half of a 32-row tile).
protocol TileKernel512 {
  /// Rows per tile (the height of the packed panel it reads).
  static var rows: Int { get }
  /// Columns (weight rows) per tile.
  static var columns: Int { get }
  /// A zero tile.
  init()
  /// Runs `count` K steps over a panel and the weight rows.
  mutating func run(panel: UnsafePointer<Float>, weights: WeightRows12, count: Int)
  /// Writes the valid corner of the tile into `C`.
  func store(_ store: TileStore512, row: Int, column: Int, rows: Int, cols: Int)
}

/// Twelve weight rows of a tile (rows `j..<j+12` of a `[n, k]` matrix).
struct WeightRows12 {
  var r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11: UnsafePointer<Float>

  /// Rows `j..<j+12` of a row-major matrix with `stride` floats per row, starting `offset`
  /// elements along K; rows at or beyond `n` repeat the last valid row (their results are
  /// computed and discarded).
  @inline(__always)
  init(_ base: UnsafePointer<Float>, row j: Int, rows n: Int, stride: Int, offset: Int = 0) {
    let last = n - 1
    func row(_ q: Int) -> UnsafePointer<Float> { base + min(j + q, last) * stride + offset }
    (r0, r1, r2, r3) = (row(0), row(1), row(2), row(3))
    (r4, r5, r6, r7) = (row(4), row(5), row(6), row(7))
    (r8, r9, r10, r11) = (row(8), row(9), row(10), row(11))
  }
}

/// Where and how tiles are written back into row-major `C [m, n]` (transposed scalar stores,
/// plus bias, plus the old value when accumulating).
struct TileStore512 {
  let c: UnsafeMutablePointer<Float>
  let n: Int
  let bias: UnsafePointer<Float>?
  let accumulate: Bool

  /// Writes rows `i..<i + min(valid, 16)` of column `j` from one accumulator.
  @inline(__always)
  func part(_ v: SIMD16<Float>, row i: Int, column j: Int, valid: Int) {
    guard valid > 0 else { return }
    let add: Float = bias.map { $0[j] } ?? 0
    var dst = c + i * n + j
    for q in 0..<min(valid, 16) {
      dst.pointee = (accumulate ? dst.pointee : 0) + v[q] + add
      dst += n
    }
  }
}

/// Loads sixteen consecutive floats.
@inline(__always)
func load16(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
  UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
}
