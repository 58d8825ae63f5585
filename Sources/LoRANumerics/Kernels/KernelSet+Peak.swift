import KernelThreads

extension KernelSet {
  /// Threads the kernels (and ``runPeakLoopOnAllThreads(iterations:)``) run on.
  public static var threads: Int { WorkerPool.shared.threads }

  /// Runs ``peakLoop`` for `iterations` rounds on every thread of the kernels' pool at once and
  /// returns the floating-point operations done (the bench divides them by the time taken).
  @discardableResult
  public func runPeakLoopOnAllThreads(iterations: Int) -> Double {
    let loop = peakLoop
    WorkerPool.shared.run(parts: KernelSet.threads) { _ in
      if loop(iterations) == .infinity { print("unreachable") }
    }
    return Double(iterations * peakFlopsPerIteration * KernelSet.threads)
  }
}
