/// A 16x4 register tile (2 `SIMD8` along M, 4 weight rows): `cVJ` holds rows `8V..<8V+8`
/// of column `J`.
struct Tile16x4: TileKernel {
  var c00 = SIMD8<Float>()
  var c10 = SIMD8<Float>()
  var c01 = SIMD8<Float>()
  var c11 = SIMD8<Float>()
  var c02 = SIMD8<Float>()
  var c12 = SIMD8<Float>()
  var c03 = SIMD8<Float>()
  var c13 = SIMD8<Float>()

  static let rows = 16
  static let columns = 4

  init() {}

  /// Runs `count` K steps: `self += panel[p] ⊗ (w[0][p] ... w[3][p])`. `panel` holds 16
  /// packed activation values per K step. Out of line so the register allocator sees this
  /// loop alone (inlined beside other code it spilled accumulators).
  @inline(never)
  mutating func run(panel: UnsafePointer<Float>, weights w: WeightRows, count: Int) {
    var c00 = self.c00
    var c10 = self.c10
    var c01 = self.c01
    var c11 = self.c11
    var c02 = self.c02
    var c12 = self.c12
    var c03 = self.c03
    var c13 = self.c13
    let w0 = w.r0
    let w1 = w.r1
    let w2 = w.r2
    let w3 = w.r3
    var pa = panel
    var p = 0
    while p < count {
      let a0 = load8(pa)
      let a1 = load8(pa + 8)
      pa += 16
      let b0 = SIMD8<Float>(repeating: w0[p])
      c00 = c00.addingProduct(a0, b0)
      c10 = c10.addingProduct(a1, b0)
      let b1 = SIMD8<Float>(repeating: w1[p])
      c01 = c01.addingProduct(a0, b1)
      c11 = c11.addingProduct(a1, b1)
      let b2 = SIMD8<Float>(repeating: w2[p])
      c02 = c02.addingProduct(a0, b2)
      c12 = c12.addingProduct(a1, b2)
      let b3 = SIMD8<Float>(repeating: w3[p])
      c03 = c03.addingProduct(a0, b3)
      c13 = c13.addingProduct(a1, b3)
      p += 1
    }
    self.c00 = c00
    self.c10 = c10
    self.c01 = c01
    self.c11 = c11
    self.c02 = c02
    self.c12 = c12
    self.c03 = c03
    self.c13 = c13
  }

  /// Writes the valid `rows` x `cols` corner at `(i, j)`.
  func store(_ s: TileStore, row i: Int, column j: Int, rows: Int, cols: Int) {
    s.part(c00, row: i + 0, column: j + 0, valid: rows - 0)
    s.part(c10, row: i + 8, column: j + 0, valid: rows - 8)
    if cols > 1 {
      s.part(c01, row: i + 0, column: j + 1, valid: rows - 0)
      s.part(c11, row: i + 8, column: j + 1, valid: rows - 8)
    }
    if cols > 2 {
      s.part(c02, row: i + 0, column: j + 2, valid: rows - 0)
      s.part(c12, row: i + 8, column: j + 2, valid: rows - 8)
    }
    if cols > 3 {
      s.part(c03, row: i + 0, column: j + 3, valid: rows - 0)
      s.part(c13, row: i + 8, column: j + 3, valid: rows - 8)
    }
  }
}
