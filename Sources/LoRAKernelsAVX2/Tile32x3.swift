/// A 32x3 register tile (4 `SIMD8` along M, 3 weight rows): `cVJ` holds rows `8V..<8V+8`
/// of column `J`.
struct Tile32x3: TileKernel {
  var c00 = SIMD8<Float>()
  var c10 = SIMD8<Float>()
  var c20 = SIMD8<Float>()
  var c30 = SIMD8<Float>()
  var c01 = SIMD8<Float>()
  var c11 = SIMD8<Float>()
  var c21 = SIMD8<Float>()
  var c31 = SIMD8<Float>()
  var c02 = SIMD8<Float>()
  var c12 = SIMD8<Float>()
  var c22 = SIMD8<Float>()
  var c32 = SIMD8<Float>()

  static let rows = 32
  static let columns = 3

  init() {}

  /// Runs `count` K steps: `self += panel[p] ⊗ (w[0][p] ... w[2][p])`. `panel` holds 32
  /// packed activation values per K step. Out of line so the register allocator sees this
  /// loop alone (inlined beside other code it spilled accumulators).
  @inline(never)
  mutating func run(panel: UnsafePointer<Float>, weights w: WeightRows, count: Int) {
    var c00 = self.c00
    var c10 = self.c10
    var c20 = self.c20
    var c30 = self.c30
    var c01 = self.c01
    var c11 = self.c11
    var c21 = self.c21
    var c31 = self.c31
    var c02 = self.c02
    var c12 = self.c12
    var c22 = self.c22
    var c32 = self.c32
    let w0 = w.r0
    let w1 = w.r1
    let w2 = w.r2
    var pa = panel
    var p = 0
    while p < count {
      let a0 = load8(pa)
      let a1 = load8(pa + 8)
      let a2 = load8(pa + 16)
      let a3 = load8(pa + 24)
      pa += 32
      let b0 = SIMD8<Float>(repeating: w0[p])
      c00 = c00.addingProduct(a0, b0)
      c10 = c10.addingProduct(a1, b0)
      c20 = c20.addingProduct(a2, b0)
      c30 = c30.addingProduct(a3, b0)
      let b1 = SIMD8<Float>(repeating: w1[p])
      c01 = c01.addingProduct(a0, b1)
      c11 = c11.addingProduct(a1, b1)
      c21 = c21.addingProduct(a2, b1)
      c31 = c31.addingProduct(a3, b1)
      let b2 = SIMD8<Float>(repeating: w2[p])
      c02 = c02.addingProduct(a0, b2)
      c12 = c12.addingProduct(a1, b2)
      c22 = c22.addingProduct(a2, b2)
      c32 = c32.addingProduct(a3, b2)
      p += 1
    }
    self.c00 = c00
    self.c10 = c10
    self.c20 = c20
    self.c30 = c30
    self.c01 = c01
    self.c11 = c11
    self.c21 = c21
    self.c31 = c31
    self.c02 = c02
    self.c12 = c12
    self.c22 = c22
    self.c32 = c32
  }

  /// Writes the valid `rows` x `cols` corner at `(i, j)`.
  func store(_ s: TileStore, row i: Int, column j: Int, rows: Int, cols: Int) {
    s.part(c00, row: i + 0, column: j + 0, valid: rows - 0)
    s.part(c10, row: i + 8, column: j + 0, valid: rows - 8)
    s.part(c20, row: i + 16, column: j + 0, valid: rows - 16)
    s.part(c30, row: i + 24, column: j + 0, valid: rows - 24)
    if cols > 1 {
      s.part(c01, row: i + 0, column: j + 1, valid: rows - 0)
      s.part(c11, row: i + 8, column: j + 1, valid: rows - 8)
      s.part(c21, row: i + 16, column: j + 1, valid: rows - 16)
      s.part(c31, row: i + 24, column: j + 1, valid: rows - 24)
    }
    if cols > 2 {
      s.part(c02, row: i + 0, column: j + 2, valid: rows - 0)
      s.part(c12, row: i + 8, column: j + 2, valid: rows - 8)
      s.part(c22, row: i + 16, column: j + 2, valid: rows - 16)
      s.part(c32, row: i + 24, column: j + 2, valid: rows - 24)
    }
  }
}
