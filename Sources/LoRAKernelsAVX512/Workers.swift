import KernelThreads

/// A raw pointer handed to worker threads; each worker writes a disjoint part of the memory and
/// the caller keeps it alive until the workers return.
struct WorkerPointer: @unchecked Sendable {
  let base: UnsafeMutablePointer<Float>
}

/// How the AVX-512 kernels split work over threads.
enum Workers {
  /// Threads of the persistent pool (one per available core, at most 16).
  static let available: Int = WorkerPool.shared.threads

  /// Below this many multiply-adds a product runs on the calling thread only.
  static let minimumWork = 1 << 18

  /// Threads that suit `work` multiply-adds over `units` independent units.
  static func count(work: Int, units: Int) -> Int {
    work < minimumWork ? 1 : max(1, min(available, units))
  }

  /// Calls `body(range)` once per thread with that thread's near-equal share of `0..<total`.
  static func split(_ total: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
    guard threads > 1 else { return body(0..<total) }
    WorkerPool.shared.run(parts: threads) { part in
      body((total * part / threads)..<(total * (part + 1) / threads))
    }
  }
}
