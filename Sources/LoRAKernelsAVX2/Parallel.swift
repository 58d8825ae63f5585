import Foundation
import KernelThreads

/// A raw pointer that may cross into the worker pool's threads.
///
/// Each worker writes a disjoint part of the memory it points at; the caller keeps the memory
/// alive until the pool's `run` returns.
struct SharedPointer: @unchecked Sendable {
  let base: UnsafeMutablePointer<Float>
}

/// A read-only raw pointer that may cross into worker closures.
struct SharedConstPointer: @unchecked Sendable {
  let base: UnsafePointer<Float>
}

/// Thread splitting for the kernels.
enum Parallel {
  /// Worker threads to use: the persistent pool's (one per available core, at most 16).
  static let threadCount: Int = WorkerPool.shared.threads

  /// Below this many multiply-adds a kernel runs on the calling thread only.
  static let minimumParallelWork = 1 << 18

  /// Runs `body(worker)` for `workers` workers, on the calling thread when `workers == 1`.
  @inline(__always)
  static func run(workers: Int, _ body: @Sendable (Int) -> Void) {
    if workers <= 1 {
      body(0)
    } else {
      WorkerPool.shared.run(parts: workers, body)
    }
  }

  /// The `part`-th of `parts` near-equal contiguous slices of `0..<total`.
  @inline(__always)
  static func slice(_ total: Int, parts: Int, part: Int) -> Range<Int> {
    let base = total / parts
    let extra = total % parts
    let start = part * base + min(part, extra)
    return start..<(start + base + (part < extra ? 1 : 0))
  }

  /// How many workers suit `work` multiply-adds split over `units` independent units.
  @inline(__always)
  static func workers(work: Int, units: Int) -> Int {
    guard work >= minimumParallelWork else { return 1 }
    return max(1, min(threadCount, units))
  }
}

/// Loads eight consecutive floats.
@inline(__always)
func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
  UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

/// Stores eight consecutive floats.
@inline(__always)
func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
  UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
}
