/// A 32x12 register tile (2 `SIMD16` along M, 12 weight rows): `cV_J` holds rows
/// `16V..<16V+16` of column `J` (24 of the 32 zmm registers).
struct Tile32x12: TileKernel512 {
  var c0_0 = SIMD16<Float>()
  var c1_0 = SIMD16<Float>()
  var c0_1 = SIMD16<Float>()
  var c1_1 = SIMD16<Float>()
  var c0_2 = SIMD16<Float>()
  var c1_2 = SIMD16<Float>()
  var c0_3 = SIMD16<Float>()
  var c1_3 = SIMD16<Float>()
  var c0_4 = SIMD16<Float>()
  var c1_4 = SIMD16<Float>()
  var c0_5 = SIMD16<Float>()
  var c1_5 = SIMD16<Float>()
  var c0_6 = SIMD16<Float>()
  var c1_6 = SIMD16<Float>()
  var c0_7 = SIMD16<Float>()
  var c1_7 = SIMD16<Float>()
  var c0_8 = SIMD16<Float>()
  var c1_8 = SIMD16<Float>()
  var c0_9 = SIMD16<Float>()
  var c1_9 = SIMD16<Float>()
  var c0_10 = SIMD16<Float>()
  var c1_10 = SIMD16<Float>()
  var c0_11 = SIMD16<Float>()
  var c1_11 = SIMD16<Float>()

  static let rows = 32
  static let columns = 12

  init() {}

  /// Runs `count` K steps: `self += panel[p] ⊗ (w[0][p] ... w[11][p])`. Out of line so the
  /// register allocator sees this loop alone.
  @inline(never)
  mutating func run(panel: UnsafePointer<Float>, weights w: WeightRows12, count: Int) {
    var c0_0 = self.c0_0
    var c1_0 = self.c1_0
    var c0_1 = self.c0_1
    var c1_1 = self.c1_1
    var c0_2 = self.c0_2
    var c1_2 = self.c1_2
    var c0_3 = self.c0_3
    var c1_3 = self.c1_3
    var c0_4 = self.c0_4
    var c1_4 = self.c1_4
    var c0_5 = self.c0_5
    var c1_5 = self.c1_5
    var c0_6 = self.c0_6
    var c1_6 = self.c1_6
    var c0_7 = self.c0_7
    var c1_7 = self.c1_7
    var c0_8 = self.c0_8
    var c1_8 = self.c1_8
    var c0_9 = self.c0_9
    var c1_9 = self.c1_9
    var c0_10 = self.c0_10
    var c1_10 = self.c1_10
    var c0_11 = self.c0_11
    var c1_11 = self.c1_11
    let w0 = w.r0
    let w1 = w.r1
    let w2 = w.r2
    let w3 = w.r3
    let w4 = w.r4
    let w5 = w.r5
    let w6 = w.r6
    let w7 = w.r7
    let w8 = w.r8
    let w9 = w.r9
    let w10 = w.r10
    let w11 = w.r11
    var pa = panel
    var p = 0
    while p < count {
      let a0 = load16(pa)
      let a1 = load16(pa + 16)
      pa += 32
      let b0 = SIMD16<Float>(repeating: w0[p])
      c0_0 = c0_0.addingProduct(a0, b0)
      c1_0 = c1_0.addingProduct(a1, b0)
      let b1 = SIMD16<Float>(repeating: w1[p])
      c0_1 = c0_1.addingProduct(a0, b1)
      c1_1 = c1_1.addingProduct(a1, b1)
      let b2 = SIMD16<Float>(repeating: w2[p])
      c0_2 = c0_2.addingProduct(a0, b2)
      c1_2 = c1_2.addingProduct(a1, b2)
      let b3 = SIMD16<Float>(repeating: w3[p])
      c0_3 = c0_3.addingProduct(a0, b3)
      c1_3 = c1_3.addingProduct(a1, b3)
      let b4 = SIMD16<Float>(repeating: w4[p])
      c0_4 = c0_4.addingProduct(a0, b4)
      c1_4 = c1_4.addingProduct(a1, b4)
      let b5 = SIMD16<Float>(repeating: w5[p])
      c0_5 = c0_5.addingProduct(a0, b5)
      c1_5 = c1_5.addingProduct(a1, b5)
      let b6 = SIMD16<Float>(repeating: w6[p])
      c0_6 = c0_6.addingProduct(a0, b6)
      c1_6 = c1_6.addingProduct(a1, b6)
      let b7 = SIMD16<Float>(repeating: w7[p])
      c0_7 = c0_7.addingProduct(a0, b7)
      c1_7 = c1_7.addingProduct(a1, b7)
      let b8 = SIMD16<Float>(repeating: w8[p])
      c0_8 = c0_8.addingProduct(a0, b8)
      c1_8 = c1_8.addingProduct(a1, b8)
      let b9 = SIMD16<Float>(repeating: w9[p])
      c0_9 = c0_9.addingProduct(a0, b9)
      c1_9 = c1_9.addingProduct(a1, b9)
      let b10 = SIMD16<Float>(repeating: w10[p])
      c0_10 = c0_10.addingProduct(a0, b10)
      c1_10 = c1_10.addingProduct(a1, b10)
      let b11 = SIMD16<Float>(repeating: w11[p])
      c0_11 = c0_11.addingProduct(a0, b11)
      c1_11 = c1_11.addingProduct(a1, b11)
      p += 1
    }
    self.c0_0 = c0_0
    self.c1_0 = c1_0
    self.c0_1 = c0_1
    self.c1_1 = c1_1
    self.c0_2 = c0_2
    self.c1_2 = c1_2
    self.c0_3 = c0_3
    self.c1_3 = c1_3
    self.c0_4 = c0_4
    self.c1_4 = c1_4
    self.c0_5 = c0_5
    self.c1_5 = c1_5
    self.c0_6 = c0_6
    self.c1_6 = c1_6
    self.c0_7 = c0_7
    self.c1_7 = c1_7
    self.c0_8 = c0_8
    self.c1_8 = c1_8
    self.c0_9 = c0_9
    self.c1_9 = c1_9
    self.c0_10 = c0_10
    self.c1_10 = c1_10
    self.c0_11 = c0_11
    self.c1_11 = c1_11
  }

  /// Writes the valid `rows` x `cols` corner at `(i, j)`.
  func store(_ s: TileStore512, row i: Int, column j: Int, rows: Int, cols: Int) {
    s.part(c0_0, row: i + 0, column: j + 0, valid: rows - 0)
    s.part(c1_0, row: i + 16, column: j + 0, valid: rows - 16)
    guard cols > 1 else { return }
    s.part(c0_1, row: i + 0, column: j + 1, valid: rows - 0)
    s.part(c1_1, row: i + 16, column: j + 1, valid: rows - 16)
    guard cols > 2 else { return }
    s.part(c0_2, row: i + 0, column: j + 2, valid: rows - 0)
    s.part(c1_2, row: i + 16, column: j + 2, valid: rows - 16)
    guard cols > 3 else { return }
    s.part(c0_3, row: i + 0, column: j + 3, valid: rows - 0)
    s.part(c1_3, row: i + 16, column: j + 3, valid: rows - 16)
    guard cols > 4 else { return }
    s.part(c0_4, row: i + 0, column: j + 4, valid: rows - 0)
    s.part(c1_4, row: i + 16, column: j + 4, valid: rows - 16)
    guard cols > 5 else { return }
    s.part(c0_5, row: i + 0, column: j + 5, valid: rows - 0)
    s.part(c1_5, row: i + 16, column: j + 5, valid: rows - 16)
    guard cols > 6 else { return }
    s.part(c0_6, row: i + 0, column: j + 6, valid: rows - 0)
    s.part(c1_6, row: i + 16, column: j + 6, valid: rows - 16)
    guard cols > 7 else { return }
    s.part(c0_7, row: i + 0, column: j + 7, valid: rows - 0)
    s.part(c1_7, row: i + 16, column: j + 7, valid: rows - 16)
    guard cols > 8 else { return }
    s.part(c0_8, row: i + 0, column: j + 8, valid: rows - 0)
    s.part(c1_8, row: i + 16, column: j + 8, valid: rows - 16)
    guard cols > 9 else { return }
    s.part(c0_9, row: i + 0, column: j + 9, valid: rows - 0)
    s.part(c1_9, row: i + 16, column: j + 9, valid: rows - 16)
    guard cols > 10 else { return }
    s.part(c0_10, row: i + 0, column: j + 10, valid: rows - 0)
    s.part(c1_10, row: i + 16, column: j + 10, valid: rows - 16)
    guard cols > 11 else { return }
    s.part(c0_11, row: i + 0, column: j + 11, valid: rows - 0)
    s.part(c1_11, row: i + 16, column: j + 11, valid: rows - 16)
  }
}
