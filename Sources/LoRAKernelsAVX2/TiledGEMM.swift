/// One call of the packed, register-blocked GEMM `C = [X | T] · [W | B]ᵀ (+ bias) (+ C)`.
///
/// `X` is `[m, k]`, `W` `[n, k]`. With a LoRA extension (`A` `[r, k]`, `B` `[n, r]`, scale `s`)
/// the call first computes `T = s · X Aᵀ` from the same packed panels, packs `T` beside `X`,
/// and runs `r` more K steps of every tile over `T` and the rows of `B`: the low-rank term
/// costs no extra pass over `C` or `X`, and `B · A` is never formed.
///
/// Activations are packed into panels (32 rows; a last remainder of at most 16 rows gets a
/// 16-row panel); weights are read in place, a few rows per tile. The K range is cut into
/// blocks sized so a chunk of panels' slice of one block stays in L2 while all column blocks
/// sweep over it. Tile accumulators live in a buffer between K blocks and are written into `C`
/// (transposed, with bias) after the last one. Workers split the column blocks (or the panels
/// when there are few column blocks).
struct TiledGEMM: @unchecked Sendable {
  /// The low-rank term of a fused LoRA forward.
  struct LoRAExtension {
    let a: UnsafePointer<Float>
    let b: UnsafePointer<Float>
    let r: Int
    let scale: Float
  }

  let x: UnsafePointer<Float>
  let w: UnsafePointer<Float>
  let c: UnsafeMutablePointer<Float>
  let m: Int, n: Int, k: Int
  let bias: UnsafePointer<Float>?
  let accumulate: Bool
  let lora: LoRAExtension?

  /// Bytes of packed activations one K block of a panel chunk may occupy (a share of L2).
  static let l2Budget = 512 * 1024
  /// Panels per chunk: the weights are streamed once per chunk.
  static let chunkPanels = 8
  /// The smallest K block worth storing and reloading the tiles for.
  static let minimumKBlock = 256

  /// Runs the whole product.
  func run() {
    let r = lora?.r ?? 0
    let width = k + r
    let layout = PanelLayout(m: m)
    let panels = layout.panels
    let packedCount = max(1, panels.reduce(0) { $0 + $1.height } * width)
    let raw = UnsafeMutableRawPointer.allocate(byteCount: packedCount * 4, alignment: 64)
    defer { raw.deallocate() }
    let packed = SharedPointer(base: raw.bindMemory(to: Float.self, capacity: packedCount))
    let packWorkers = Parallel.workers(work: m * n * width, units: panels.count)

    let xPacker = PanelPacker(x: x, m: m, k: k)
    Parallel.run(workers: packWorkers) { worker in
      for q in Parallel.slice(panels.count, parts: packWorkers, part: worker) {
        let panel = panels[q]
        xPacker.pack(rowStart: panel.row, height: panel.height, into: packed.base + panel.row * width)
      }
    }

    if let lora {
      let t = UnsafeMutablePointer<Float>.allocate(capacity: m * r)
      defer { t.deallocate() }
      let lowRank = Target(
        weights: lora.a, n: r, c: t, bias: nil, accumulate: false, lowRankWeights: nil, r: 0, width: width)
      product(lowRank, packed: packed, layout: layout)
      for i in 0..<(m * r) { t[i] *= lora.scale }
      let tPacker = PanelPacker(x: UnsafePointer(t), m: m, k: r)
      Parallel.run(workers: packWorkers) { worker in
        for q in Parallel.slice(panels.count, parts: packWorkers, part: worker) {
          let panel = panels[q]
          let start = packed.base + panel.row * width + panel.height * k
          tPacker.pack(rowStart: panel.row, height: panel.height, into: start)
        }
      }
    }
    let target = Target(
      weights: w, n: n, c: c, bias: bias, accumulate: accumulate, lowRankWeights: lora?.b, r: r, width: width)
    product(target, packed: packed, layout: layout)
  }

  /// What one product over the packed panels computes: `C = panels · [weights | lowRankWeights]ᵀ`.
  struct Target: @unchecked Sendable {
    let weights: UnsafePointer<Float>
    let n: Int
    let c: UnsafeMutablePointer<Float>
    let bias: UnsafePointer<Float>?
    let accumulate: Bool
    let lowRankWeights: UnsafePointer<Float>?
    let r: Int
    let width: Int
  }

  /// Computes `target` from the packed panels on all workers.
  func product(_ target: Target, packed: SharedPointer, layout: PanelLayout) {
    let n = target.n
    let tallBlocks = (n + Tile32x3.columns - 1) / Tile32x3.columns
    let shortBlocks = layout.hasShortPanel ? (n + Tile16x4.columns - 1) / Tile16x4.columns : 0
    let tall = TileBuffer<Tile32x3>(count: tallBlocks * layout.tallPanels)
    let short = TileBuffer<Tile16x4>(count: shortBlocks)
    let panelCount = layout.tallPanels + (layout.hasShortPanel ? 1 : 0)
    let threads = Parallel.workers(work: m * n * target.width, units: max(tallBlocks, panelCount))
    let splitColumns = tallBlocks >= 4 * threads || tallBlocks >= layout.tallPanels
    Parallel.run(workers: threads) { worker in
      let columns = { (blocks: Int) in Parallel.slice(blocks, parts: threads, part: worker) }
      if splitColumns {
        pass(
          target, tall, packed.base, panelRow: 0, panels: 0..<layout.tallPanels, of: layout.tallPanels,
          blocks: columns(tallBlocks))
      } else {
        pass(
          target, tall, packed.base, panelRow: 0,
          panels: Parallel.slice(layout.tallPanels, parts: threads, part: worker), of: layout.tallPanels,
          blocks: 0..<tallBlocks)
      }
      if layout.hasShortPanel {
        pass(
          target, short, packed.base, panelRow: layout.tallPanels * Tile32x3.rows, panels: 0..<1, of: 1,
          blocks: columns(shortBlocks))
      }
    }
  }

  /// Computes the tiles of column blocks `blocks` and panels `panels` (of `panelCount` panels of
  /// kernel `K` whose first row is `panelRow`).
  func pass<K: TileKernel>(
    _ target: Target, _ tiles: TileBuffer<K>, _ packed: UnsafeMutablePointer<Float>, panelRow: Int,
    panels: Range<Int>, of panelCount: Int, blocks: Range<Int>
  ) {
    guard !panels.isEmpty, !blocks.isEmpty else { return }
    let n = target.n
    let store = TileStore(c: target.c, n: n, bias: target.bias, accumulate: target.accumulate)
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
          let weights = WeightRows(target.weights, row: j, rows: n, stride: k).advanced(by: p0)
          let lowRank = last ? target.lowRankWeights.map { WeightRows($0, row: j, rows: n, stride: target.r) } : nil
          for q in chunk {
            let row = panelRow + q * K.rows
            let panel = UnsafePointer(packed + row * target.width)
            let tile = tiles.base + block * panelCount + q
            tile.pointee.run(panel: panel + K.rows * p0, weights: weights, count: length)
            if last {
              if let lowRank { tile.pointee.run(panel: panel + K.rows * k, weights: lowRank, count: target.r) }
              tile.pointee.store(
                store, row: row, column: j, rows: min(K.rows, m - row), cols: min(K.columns, n - j))
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
