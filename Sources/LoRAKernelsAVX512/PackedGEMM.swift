/// One call of the AVX-512 packed GEMM `C = [X | T] · [W | B]ᵀ (+ bias) (+ C)`.
///
/// `X` is `[m, k]`, `W` `[n, k]`. With a LoRA extension (`A` `[r, k]`, `B` `[n, r]`, scale `s`)
/// the call first computes `T = s · X Aᵀ` from the same packed panels, packs `T` beside `X`, and
/// runs `r` more K steps of every tile over `T` and the rows of `B` (`B · A` is never formed).
///
/// Activations are packed into 32-row panels (a remainder of at most 16 rows gets a 16-row
/// panel); weights are read in place, twelve rows per tile. K is cut into blocks sized so a
/// chunk of panels' slice of one block stays in L2 while the column blocks sweep over it; tile
/// accumulators live in a buffer between K blocks. Threads split the column blocks.
struct PackedGEMM: @unchecked Sendable {
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
  /// Panels per chunk: the weights are streamed once per chunk. Measured on Zen 4 (M = 512,
  /// d = 4096, medians of three interleaved runs, ms): 1 panel 183-189, 4 panels 184-192,
  /// 8 panels 191-193, 16 panels 197-203; a 256 KB budget with 4 panels 197. Packing each
  /// tile's twelve weight rows into one stream per K block was slower (221 ms with 8 panels):
  /// the in-place broadcasts are not the bottleneck.
  static let chunkPanels = 4
  /// The smallest K block worth storing and reloading the tiles for.
  static let minimumKBlock = 256

  /// Rows in full panels, and whether a last short (16-row) panel follows them.
  var tallPanels: Int {
    let remainder = m % Tile32x12.rows
    return remainder == 0 || remainder > Tile16x12.rows ? (m + Tile32x12.rows - 1) / Tile32x12.rows : m / Tile32x12.rows
  }
  var hasShortPanel: Bool { tallPanels * Tile32x12.rows < m }
  var packedRows: Int { tallPanels * Tile32x12.rows + (hasShortPanel ? Tile16x12.rows : 0) }

  /// Runs the whole product.
  func run() {
    let r = lora?.r ?? 0
    let width = k + r
    let count = max(1, packedRows * width)
    let raw = UnsafeMutableRawPointer.allocate(byteCount: count * 4, alignment: 64)
    defer { raw.deallocate() }
    let packed = WorkerPointer(base: raw.bindMemory(to: Float.self, capacity: count))
    pack(x, columns: k, at: 0, width: width, into: packed)
    if let lora {
      let t = UnsafeMutablePointer<Float>.allocate(capacity: m * r)
      defer { t.deallocate() }
      product(Target(weights: lora.a, n: r, c: t, bias: nil, accumulate: false, lowRank: nil, width: width), packed)
      for i in 0..<(m * r) { t[i] *= lora.scale }
      pack(UnsafePointer(t), columns: r, at: k, width: width, into: packed)
    }
    product(Target(weights: w, n: n, c: c, bias: bias, accumulate: accumulate, lowRank: lora, width: width), packed)
  }

  /// Packs the `columns` columns of `src` (`[m, columns]`) into every panel from K step `start`.
  func pack(_ src: UnsafePointer<Float>, columns: Int, at start: Int, width: Int, into packed: WorkerPointer) {
    let short = hasShortPanel ? [(row: tallPanels * Tile32x12.rows, height: Tile16x12.rows)] : []
    let panels = (0..<tallPanels).map { (row: $0 * Tile32x12.rows, height: Tile32x12.rows) } + short
    let m = self.m
    let source = WorkerPointer(base: UnsafeMutablePointer(mutating: src))
    let threads = Workers.count(work: m * n * width, units: panels.count)
    Workers.split(panels.count, threads: threads) { range in
      for (row0, height) in panels[range] {
        let dst = packed.base + row0 * width + height * start
        for i in 0..<height {
          let row = row0 + i
          if row < m {
            let s = source.base + row * columns
            for p in 0..<columns { dst[p * height + i] = s[p] }
          } else {
            for p in 0..<columns { dst[p * height + i] = 0 }
          }
        }
      }
    }
  }

  /// What one product over the packed panels computes: `C = panels · [weights | lowRank.b]ᵀ`.
  struct Target: @unchecked Sendable {
    let weights: UnsafePointer<Float>
    let n: Int
    let c: UnsafeMutablePointer<Float>
    let bias: UnsafePointer<Float>?
    let accumulate: Bool
    let lowRank: LoRAExtension?
    let width: Int
  }

  /// Computes `target` from the packed panels on all threads (split along the column blocks).
  func product(_ target: Target, _ packed: WorkerPointer) {
    let blocks = (target.n + Tile32x12.columns - 1) / Tile32x12.columns
    let tall = TileBuffer512<Tile32x12>(count: blocks * tallPanels)
    let short = TileBuffer512<Tile16x12>(count: hasShortPanel ? blocks : 0)
    let threads = Workers.count(work: m * target.n * target.width, units: blocks)
    Workers.split(blocks, threads: threads) { columns in
      pass(target, tall, packed.base, firstRow: 0, panels: tallPanels, blocks: columns)
      if hasShortPanel {
        pass(target, short, packed.base, firstRow: tallPanels * Tile32x12.rows, panels: 1, blocks: columns)
      }
    }
  }

  /// Computes the tiles of column blocks `blocks` for `panelCount` panels of kernel `K` whose
  /// first row is `firstRow`.
  func pass<K: TileKernel512>(
    _ target: Target, _ tiles: TileBuffer512<K>, _ packed: UnsafeMutablePointer<Float>, firstRow: Int,
    panels panelCount: Int, blocks: Range<Int>
  ) {
    guard panelCount > 0, !blocks.isEmpty else { return }
    let n = target.n
    let store = TileStore512(c: target.c, n: n, bias: target.bias, accumulate: target.accumulate)
    var chunkStart = 0
    while chunkStart < panelCount {
      let chunk = chunkStart..<min(panelCount, chunkStart + PackedGEMM.chunkPanels)
      let kBlock = max(PackedGEMM.minimumKBlock, PackedGEMM.l2Budget / (chunk.count * K.rows * 4))
      var p0 = 0
      repeat {
        let length = min(kBlock, k - p0)
        let last = p0 + length >= k
        for block in blocks {
          let j = block * K.columns
          let weights = WeightRows12(target.weights, row: j, rows: n, stride: k, offset: p0)
          let lowRank = last ? target.lowRank.map { WeightRows12($0.b, row: j, rows: n, stride: $0.r) } : nil
          for q in chunk {
            let row = firstRow + q * K.rows
            let panel = UnsafePointer(packed + row * target.width)
            let tile = tiles.base + block * panelCount + q
            tile.pointee.run(panel: panel + K.rows * p0, weights: weights, count: length)
            if last {
              if let lowRank, let r = target.lowRank?.r {
                tile.pointee.run(panel: panel + K.rows * k, weights: lowRank, count: r)
              }
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

/// Zeroed tile accumulators shared with the threads (each writes its own tiles).
final class TileBuffer512<K: TileKernel512>: @unchecked Sendable {
  let base: UnsafeMutablePointer<K>

  init(count: Int) {
    base = .allocate(capacity: max(1, count))
    base.initialize(repeating: K(), count: max(1, count))
  }

  deinit { base.deallocate() }
}
