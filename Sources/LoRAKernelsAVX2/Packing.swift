/// Packs activation rows into 16-row panels for ``tile16x6Segment``.
///
/// Panel `q` holds rows `16q..<16q+16` as `width` groups of 16 floats (one group per K step):
/// `panel[p * 16 + i] = row(16q + i)[p]`. The first `k` steps come from `x` (`[m, k]`), the next
/// `r` from `t` (`[m, r]`, the LoRA intermediate) when given. Rows at or beyond `m` are zero.
struct PanelPacker: @unchecked Sendable {
  let x: UnsafePointer<Float>
  let t: UnsafePointer<Float>?
  let m: Int
  let k: Int
  let r: Int

  /// K steps per panel.
  var width: Int { k + (t == nil ? 0 : r) }
  /// Floats per panel.
  var panelSize: Int { 16 * width }
  /// Panels needed for `m` rows.
  var panelCount: Int { (m + 15) / 16 }

  /// Packs panel `q` into `dst` (which has room for `panelSize` floats).
  func pack(panel q: Int, into dst: UnsafeMutablePointer<Float>) {
    copy(from: x, columns: k, panel: q, into: dst)
    if let t { copy(from: t, columns: r, panel: q, into: dst + 16 * k) }
  }

  private func copy(from src: UnsafePointer<Float>, columns: Int, panel q: Int, into dst: UnsafeMutablePointer<Float>) {
    let block = 64
    var p0 = 0
    while p0 < columns {
      let p1 = min(p0 + block, columns)
      for i in 0..<16 {
        let row = q * 16 + i
        if row < m {
          let s = src + row * columns
          for p in p0..<p1 { dst[p * 16 + i] = s[p] }
        } else {
          for p in p0..<p1 { dst[p * 16 + i] = 0 }
        }
      }
      p0 = p1
    }
  }
}
