import KernelThreads
import Synchronization
import Testing

@Suite("Worker pool")
struct WorkerPoolTests {
  /// How often each part ran, shared with the pool's threads.
  final class Tally: Sendable {
    let counts: Mutex<[Int]>

    init(parts: Int) { counts = Mutex([Int](repeating: 0, count: parts)) }

    func record(_ part: Int) { counts.withLock { $0[part] += 1 } }
    var values: [Int] { counts.withLock { $0 } }
  }

  @Test("every part of a call runs exactly once, for more and fewer parts than threads", arguments: [1, 2, 3, 17])
  func everyPartOnce(parts: Int) {
    let pool = WorkerPool(threads: 3)
    for _ in 0..<50 {
      let tally = Tally(parts: parts)
      pool.run(parts: parts) { tally.record($0) }
      #expect(tally.values == [Int](repeating: 1, count: parts))
    }
  }

  @Test("a call nested inside a part runs its parts on the calling thread")
  func nested() {
    let pool = WorkerPool(threads: 2)
    let tally = Tally(parts: 3)
    pool.run(parts: 2) { _ in
      pool.run(parts: 3) { tally.record($0) }
    }
    #expect(tally.values == [2, 2, 2])
  }
}
