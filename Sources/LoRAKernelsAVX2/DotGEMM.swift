/// One call of the few-row GEMM (M <= 4), workers splitting the columns.
struct DotGEMM: @unchecked Sendable {
  let a: UnsafePointer<Float>
  let b: UnsafePointer<Float>
  let c: UnsafeMutablePointer<Float>
  let m: Int, n: Int, k: Int
  let bias: UnsafePointer<Float>?
  let accumulate: Bool

  /// Runs the whole product.
  func run() {
    let units = (n + 3) / 4
    let threads = Parallel.workers(work: m * n * k, units: units)
    Parallel.run(workers: threads) { worker in
      let part = Parallel.slice(units, parts: threads, part: worker)
      let columns = (part.lowerBound * 4)..<min(n, part.upperBound * 4)
      guard !columns.isEmpty else { return }
      DotKernels.run(a, b, c, m: m, n: n, k: k, bias: bias, accumulate: accumulate, columns: columns)
    }
  }
}
