import Foundation

/// One call of the packed, register-blocked GEMM `C = [X | T] · [W | B]ᵀ (+ bias) (+ C)`.
///
/// `X` is `[m, k]`, `W` `[n, k]`; the optional LoRA extension adds `T` `[m, r]` and `B` `[n, r]`
/// as `r` more K steps of the same tiles, so the low-rank term costs no extra pass over `C`.
///
/// Activations are packed into panels (32 rows; a last remainder of at most 16 rows gets a
/// 16-row panel); weights are read in place, a few rows per tile. The K range is cut into
/// blocks sized so a chunk of panels' slice of one block stays in L2 while all column blocks
/// sweep over it. Tile accumulators live in a buffer between K blocks and are written into `C`
/// (transposed, with bias) after the last one. Workers split the column blocks (or the panels
/// when there are few column blocks).
struct TiledGEMM: @unchecked Sendable {
  let x: UnsafePointer<Float>
  let w: UnsafePointer<Float>
  let t: UnsafePointer<Float>?
  let loraB: UnsafePointer<Float>?
  let c: UnsafeMutablePointer<Float>
  let m: Int, n: Int, k: Int, r: Int
  let bias: UnsafePointer<Float>?
  let accumulate: Bool

  /// Bytes of packed activations one K block of a panel chunk may occupy (a share of L2).
  static let l2Budget = 512 * 1024
  /// Panels per chunk: the weights are streamed once per chunk.
  static let chunkPanels = 8
  /// The smallest K block worth storing and reloading the tiles for.
  static let minimumKBlock = 256

  /// Runs the whole product.
  func run() {
    let packer = PanelPacker(x: x, t: t, m: m, k: k, r: r)
    let width = packer.width
    let layout = PanelLayout(m: m)
    let panels = layout.panels
    let packedCount = max(1, panels.reduce(0) { $0 + $1.height } * width)
    let raw = UnsafeMutableRawPointer.allocate(byteCount: packedCount * 4, alignment: 64)
    defer { raw.deallocate() }
    let packed = SharedPointer(base: raw.bindMemory(to: Float.self, capacity: packedCount))

    let work = m * n * width
    let packWorkers = Parallel.workers(work: work, units: panels.count)
    Parallel.run(workers: packWorkers) { worker in
      for q in Parallel.slice(panels.count, parts: packWorkers, part: worker) {
        let panel = panels[q]
        packer.pack(rowStart: panel.row, height: panel.height, into: packed.base + panel.row * width)
      }
    }

    let tallBlocks = (n + Tile32x3.columns - 1) / Tile32x3.columns
    let shortBlocks = layout.hasShortPanel ? (n + Tile16x4.columns - 1) / Tile16x4.columns : 0
    let tall = TileBuffer<Tile32x3>(count: tallBlocks * layout.tallPanels)
    let short = TileBuffer<Tile16x4>(count: shortBlocks)
    let threads = Parallel.workers(work: work, units: max(tallBlocks, panels.count))
    let splitColumns = tallBlocks >= 4 * threads || tallBlocks >= layout.tallPanels
    Parallel.run(workers: threads) { worker in
      let columns = { (blocks: Int) in Parallel.slice(blocks, parts: threads, part: worker) }
      if splitColumns {
        pass(
          tall, packed.base, panelRow: 0, panels: 0..<layout.tallPanels, of: layout.tallPanels,
          blocks: columns(tallBlocks))
      } else {
        pass(
          tall, packed.base, panelRow: 0, panels: Parallel.slice(layout.tallPanels, parts: threads, part: worker),
          of: layout.tallPanels, blocks: 0..<tallBlocks)
      }
      if layout.hasShortPanel {
        pass(
          short, packed.base, panelRow: layout.tallPanels * Tile32x3.rows, panels: 0..<1, of: 1,
          blocks: columns(shortBlocks))
      }
    }
  }

  /// Computes the tiles of column blocks `blocks` and panels `panels` (of `panelCount` panels of
  /// kernel `K` whose first row is `panelRow`).
  func pass<K: TileKernel>(
    _ tiles: TileBuffer<K>, _ packed: UnsafeMutablePointer<Float>, panelRow: Int, panels: Range<Int>,
    of panelCount: Int, blocks: Range<Int>
  ) {
    guard !panels.isEmpty, !blocks.isEmpty else { return }
    let width = k + (t == nil ? 0 : r)
    let store = TileStore(c: c, n: n, bias: bias, accumulate: accumulate)
    var chunkStart = panels.lowerBound
    while chunkStart < panels.upperBound {
      let chunk = chunkStart..<min(panels.upperBound, chunkStart + TiledGEMM.chunkPanels)
      let kBlock = max(TiledGEMM.minimumKBlock, TiledGEMM.l2Budget / (chunk.count * K.rows * 4))
      var p0 = 0
      repeat {
        let length = min(kBlock, k - p0)
        let last = p0 + length >= k
        for block in blocks {
          let j = block * K.columns
          let weights = WeightRows(w, row: j, rows: n, stride: k).advanced(by: p0)
          let lowRank = last ? loraB.map { WeightRows($0, row: j, rows: n, stride: r) } : nil
          for q in chunk {
            let row = panelRow + q * K.rows
            let panel = UnsafePointer(packed + row * width)
            let tile = tiles.base + block * panelCount + q
            tile.pointee.run(panel: panel + K.rows * p0, weights: weights, count: length)
            if last {
              if let lowRank { tile.pointee.run(panel: panel + K.rows * k, weights: lowRank, count: r) }
              tile.pointee.store(store, row: row, column: j, rows: min(K.rows, m - row), cols: min(K.columns, n - j))
            }
          }
        }
        p0 += length
      } while p0 < k
      chunkStart = chunk.upperBound
    }
  }
}

/// Zeroed tile accumulators shared with the workers (each writes its own tiles).
final class TileBuffer<K: TileKernel>: @unchecked Sendable {
  let base: UnsafeMutablePointer<K>
  let count: Int

  init(count: Int) {
    self.count = count
    base = .allocate(capacity: max(1, count))
    base.initialize(repeating: K(), count: max(1, count))
  }

  deinit { base.deallocate() }
}
