import Foundation

/// One call of the packed, register-blocked GEMM `C = [X | T] · [W | B]ᵀ (+ bias) (+ C)`.
///
/// `X` is `[m, k]`, `W` `[n, k]`; the optional LoRA extension adds `T` `[m, r]` and `B` `[n, r]`
/// as `r` more K steps of the same tiles, so the low-rank term costs no extra pass over `C`.
///
/// Activations are packed into 16-row panels; weights are read in place, six rows per tile.
/// The K range is cut into blocks sized so every panel's slice of one block stays in L2 while
/// all column blocks sweep over it (the weights stream from memory once per row chunk). Tile
/// accumulators live in a packed buffer between K blocks and are written into `C` (transposed,
/// with bias) after the last one. Workers split the column blocks (or the panels when there
/// are few column blocks).
struct TiledGEMM: @unchecked Sendable {
  let x: UnsafePointer<Float>
  let w: UnsafePointer<Float>
  let t: UnsafePointer<Float>?
  let loraB: UnsafePointer<Float>?
  let c: UnsafeMutablePointer<Float>
  let m: Int, n: Int, k: Int, r: Int
  let bias: UnsafePointer<Float>?
  let accumulate: Bool

  /// Bytes of packed activations one K block may occupy (a share of a 1 MiB+ L2).
  static let l2Budget = Int(ProcessInfo.processInfo.environment["LORA_SPEC_L2_BUDGET"] ?? "") ?? (512 * 1024)
  /// Panels per row chunk: the weights are streamed once per chunk.
  static let chunkPanels = Int(ProcessInfo.processInfo.environment["LORA_SPEC_CHUNK_PANELS"] ?? "") ?? 16
  /// The smallest K block worth the overhead of storing and reloading the tiles.
  static let minimumKBlock = 256

  var packer: PanelPacker { PanelPacker(x: x, t: t, m: m, k: k, r: r) }

  /// Runs the whole product.
  func run() {
    let packer = self.packer
    let panels = packer.panelCount
    let panelSize = packer.panelSize
    let blocks = (n + 5) / 6
    let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, panels * panelSize) * 4, alignment: 64)
    defer { raw.deallocate() }
    let packed = SharedPointer(base: raw.bindMemory(to: Float.self, capacity: max(1, panels * panelSize)))
    let tileCount = blocks * panels
    let tiles = UnsafeMutablePointer<Tile16x6>.allocate(capacity: tileCount)
    tiles.initialize(repeating: Tile16x6(), count: tileCount)
    defer { tiles.deallocate() }
    let sharedTiles = SharedTiles(base: tiles)

    let work = m * n * packer.width
    let packWorkers = Parallel.workers(work: work, units: panels)
    Parallel.run(workers: packWorkers) { worker in
      for q in Parallel.slice(panels, parts: packWorkers, part: worker) {
        packer.pack(panel: q, into: packed.base + q * panelSize)
      }
    }

    let threads = Parallel.workers(work: work, units: max(blocks, panels))
    let splitColumns = blocks >= 4 * threads || blocks >= panels
    Parallel.run(workers: threads) { worker in
      if splitColumns {
        compute(
          packed.base, sharedTiles.base, blocks: Parallel.slice(blocks, parts: threads, part: worker),
          panels: 0..<panels)
      } else {
        compute(
          packed.base, sharedTiles.base, blocks: 0..<blocks,
          panels: Parallel.slice(panels, parts: threads, part: worker))
      }
    }
  }

  /// Computes the tiles of column blocks `blocks` (six columns each) and row panels `panels`.
  func compute(
    _ packed: UnsafeMutablePointer<Float>, _ tiles: UnsafeMutablePointer<Tile16x6>, blocks: Range<Int>,
    panels: Range<Int>
  ) {
    let panelSize = packer.panelSize
    let totalPanels = packer.panelCount
    let store = TileStore(c: c, n: n, bias: bias, accumulate: accumulate)
    var chunkStart = panels.lowerBound
    while chunkStart < panels.upperBound {
      let chunk = chunkStart..<min(panels.upperBound, chunkStart + TiledGEMM.chunkPanels)
      let kBlock = max(TiledGEMM.minimumKBlock, TiledGEMM.l2Budget / (chunk.count * 64))
      var p0 = 0
      repeat {
        let length = min(kBlock, k - p0)
        let last = p0 + length >= k
        for block in blocks {
          let j = block * 6
          let weights = SixRows(w, row: j, rows: n, stride: k).advanced(by: p0)
          let lowRank = last ? loraB.map { SixRows($0, row: j, rows: n, stride: r) } : nil
          for q in chunk {
            let panel = UnsafePointer(packed + q * panelSize)
            let tile = tiles + block * totalPanels + q
            tile16x6Segment(&tile.pointee, panel: panel + 16 * p0, weights: weights, count: length)
            if last {
              if let lowRank { tile16x6Segment(&tile.pointee, panel: panel + 16 * k, weights: lowRank, count: r) }
              store.tile(tile.pointee, row: q * 16, column: j, rows: min(16, m - q * 16), cols: min(6, n - j))
            }
          }
        }
        p0 += length
      } while p0 < k
      chunkStart = chunk.upperBound
    }
  }
}

/// Tile accumulators shared with the workers (each writes its own tiles).
struct SharedTiles: @unchecked Sendable {
  let base: UnsafeMutablePointer<Tile16x6>
}
