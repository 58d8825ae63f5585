/// Packs activation rows into panels for the register tiles.
///
/// A panel of height `R` starting at row `i0` holds `width` groups of `R` floats, one group per
/// K step: `panel[p * R + i] = row(i0 + i)[p]` for the `k` columns of `x` (`[m, k]`). Rows at
/// or beyond `m` are zero. (The fused LoRA forward packs `T` the same way right after.)
struct PanelPacker: @unchecked Sendable {
  let x: UnsafePointer<Float>
  let m: Int
  let k: Int

  /// Packs the panel of `height` rows starting at `rowStart` into `dst`.
  func pack(rowStart: Int, height: Int, into dst: UnsafeMutablePointer<Float>) {
    copy(from: x, columns: k, rowStart: rowStart, height: height, into: dst)
  }

  private func copy(
    from src: UnsafePointer<Float>, columns: Int, rowStart: Int, height: Int, into dst: UnsafeMutablePointer<Float>
  ) {
    let block = 64
    var p0 = 0
    while p0 < columns {
      let p1 = min(p0 + block, columns)
      for i in 0..<height {
        let row = rowStart + i
        if row < m {
          let s = src + row * columns
          for p in p0..<p1 { dst[p * height + i] = s[p] }
        } else {
          for p in p0..<p1 { dst[p * height + i] = 0 }
        }
      }
      p0 = p1
    }
  }
}

/// How `m` rows are cut into panels: 32-row panels (the last one zero-padded when more than 16
/// rows remain), then at most one 16-row panel for a remainder of 1...16 rows.
struct PanelLayout {
  let tallPanels: Int
  let hasShortPanel: Bool

  init(m: Int) {
    let remainder = m % Tile32x3.rows
    if remainder == 0 || remainder > Tile16x4.rows {
      tallPanels = (m + Tile32x3.rows - 1) / Tile32x3.rows
      hasShortPanel = false
    } else {
      tallPanels = m / Tile32x3.rows
      hasShortPanel = true
    }
  }

  /// All panels as (first row, height), tall ones first.
  var panels: [(row: Int, height: Int)] {
    var list = (0..<tallPanels).map { (row: $0 * Tile32x3.rows, height: Tile32x3.rows) }
    if hasShortPanel { list.append((row: tallPanels * Tile32x3.rows, height: Tile16x4.rows)) }
    return list
  }
}
