/// One call of the packed, register-blocked GEMM `C = [X | T] · [W | B]ᵀ (+ bias) (+ C)`.
///
/// `X` is `[m, k]`, `W` `[n, k]`; the optional LoRA extension adds `T` `[m, r]` and `B` `[n, r]`
/// as `r` more K steps of the same tiles, so the low-rank term costs no extra pass over `C`.
/// Activations are packed into 16-row panels; weights are read in place, six rows per tile.
/// Workers split the column blocks (or the panels when there are few column blocks).
struct TiledGEMM: @unchecked Sendable {
  let x: UnsafePointer<Float>
  let w: UnsafePointer<Float>
  let t: UnsafePointer<Float>?
  let loraB: UnsafePointer<Float>?
  let c: UnsafeMutablePointer<Float>
  let m: Int, n: Int, k: Int, r: Int
  let bias: UnsafePointer<Float>?
  let accumulate: Bool

  var packer: PanelPacker { PanelPacker(x: x, t: t, m: m, k: k, r: r) }

  /// Runs the whole product.
  func run() {
    let packer = self.packer
    let panels = packer.panelCount
    let panelSize = packer.panelSize
    let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, panels * panelSize) * 4, alignment: 64)
    defer { raw.deallocate() }
    let buffer = SharedPointer(base: raw.bindMemory(to: Float.self, capacity: max(1, panels * panelSize)))

    let work = m * n * packer.width
    let packWorkers = Parallel.workers(work: work, units: panels)
    Parallel.run(workers: packWorkers) { worker in
      for q in Parallel.slice(panels, parts: packWorkers, part: worker) {
        packer.pack(panel: q, into: buffer.base + q * panelSize)
      }
    }

    let blocks = (n + 5) / 6
    let threads = Parallel.workers(work: work, units: max(blocks, panels))
    let splitColumns = blocks >= 4 * threads || blocks >= panels
    Parallel.run(workers: threads) { worker in
      if splitColumns {
        compute(buffer.base, blocks: Parallel.slice(blocks, parts: threads, part: worker), panels: 0..<panels)
      } else {
        compute(buffer.base, blocks: 0..<blocks, panels: Parallel.slice(panels, parts: threads, part: worker))
      }
    }
  }

  /// Computes the tiles of column blocks `blocks` (six columns each) and row panels `panels`.
  func compute(_ packed: UnsafeMutablePointer<Float>, blocks: Range<Int>, panels: Range<Int>) {
    let panelSize = packer.panelSize
    let store = TileStore(c: c, n: n, bias: bias, accumulate: accumulate)
    for block in blocks {
      let j = block * 6
      let cols = min(6, n - j)
      let weights = SixRows(w, row: j, rows: n, stride: k)
      let lowRank = loraB.map { SixRows($0, row: j, rows: n, stride: r) }
      for q in panels {
        let panel = UnsafePointer(packed + q * panelSize)
        var acc = Tile16x6()
        tile16x6Segment(&acc, panel: panel, weights: weights, count: k)
        if let lowRank { tile16x6Segment(&acc, panel: panel + 16 * k, weights: lowRank, count: r) }
        store.tile(acc, row: q * 16, column: j, rows: min(16, m - q * 16), cols: cols)
      }
    }
  }
}
