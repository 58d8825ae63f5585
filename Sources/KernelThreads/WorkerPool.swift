import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Worker threads created once and reused by every kernel call, pinned one per CPU where the OS
/// allows it.
///
/// `run(parts:_:)` hands part `p` of a call to thread `p % threads` (the calling thread takes
/// part 0), so repeated calls put the same slice of work on the same core. One call at a time
/// uses the pool; a call made while it is busy (from another thread, or nested inside a part)
/// runs its parts on the calling thread instead of waiting.
public final class WorkerPool: @unchecked Sendable {
  /// The process-wide pool: one thread per available CPU (at most 16), the caller included.
  public static let shared = WorkerPool(threads: max(1, min(ProcessInfo.processInfo.activeProcessorCount, 16)))

  /// Threads a call runs on, the calling thread included.
  public let threads: Int
  /// Whether every helper thread was pinned to its own CPU.
  public private(set) var pinned = false

  private let call = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let start = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private let done = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var generation = 0
  private var job: (@Sendable (Int) -> Void)?
  private var parts = 0
  private var pending = 0

  /// A pool of `threads` threads (the caller and `threads - 1` helpers started now).
  public init(threads: Int) {
    self.threads = max(1, threads)
    pthread_mutex_init(call, nil)
    pthread_mutex_init(lock, nil)
    pthread_cond_init(start, nil)
    pthread_cond_init(done, nil)
    let cpus = CPUAffinity.allowedCPUs()
    var allPinned = cpus.count >= self.threads
    for helper in 1..<self.threads {
      let context = Unmanaged.passRetained(HelperContext(pool: self, index: helper)).toOpaque()
      var thread = pthread_t()
      guard pthread_create(&thread, nil, { WorkerPool.helperMain($0) }, context) == 0 else {
        Unmanaged<HelperContext>.fromOpaque(context).release()
        allPinned = false
        continue
      }
      pthread_detach(thread)
      if allPinned { allPinned = CPUAffinity.pin(thread, to: cpus[helper]) }
    }
    pinned = allPinned && self.threads > 1
  }

  /// Runs `body(part)` for every part in `0..<parts` and returns when all have finished.
  public func run(parts: Int, _ body: @Sendable (Int) -> Void) {
    guard parts > 1, threads > 1, pthread_mutex_trylock(call) == 0 else {
      for part in 0..<max(parts, 0) { body(part) }
      return
    }
    defer { pthread_mutex_unlock(call) }
    withoutActuallyEscaping(body) { escaping in
      pthread_mutex_lock(lock)
      job = escaping
      self.parts = parts
      pending = threads - 1
      generation &+= 1
      pthread_cond_broadcast(start)
      pthread_mutex_unlock(lock)
      var part = 0
      while part < parts {
        escaping(part)
        part += threads
      }
      pthread_mutex_lock(lock)
      while pending > 0 { pthread_cond_wait(done, lock) }
      job = nil
      pthread_mutex_unlock(lock)
    }
  }

  private final class HelperContext {
    let pool: WorkerPool
    let index: Int

    init(pool: WorkerPool, index: Int) {
      self.pool = pool
      self.index = index
    }
  }

  private static func helperMain(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let raw else { return nil }
    let context = Unmanaged<HelperContext>.fromOpaque(raw).takeRetainedValue()
    context.pool.serve(index: context.index)
    return nil
  }

  /// A helper's loop: wait for a new generation, run its parts, report, forever.
  private func serve(index: Int) {
    var seen = 0
    while true {
      pthread_mutex_lock(lock)
      while generation == seen { pthread_cond_wait(start, lock) }
      seen = generation
      var body = job
      let count = parts
      pthread_mutex_unlock(lock)
      var part = index
      while let current = body, part < count {
        current(part)
        part += threads
      }
      // Released before reporting: the caller checks that its closure did not escape.
      body = nil
      pthread_mutex_lock(lock)
      pending -= 1
      if pending == 0 { pthread_cond_signal(done) }
      pthread_mutex_unlock(lock)
    }
  }
}
