/// Plain-loop kernels: the oracle every accelerated kernel is tested against.
///
/// Layout: row-major, contiguous Float32, as in llm.c's `matmul_forward_naive`. Each output
/// element is a single Float sum in the natural k order. Output memory must not overlap inputs.
public enum ReferenceKernels {
  /// `C = A · Bᵀ (+ bias) (+ C when accumulate)`: A `[m, k]`, B `[n, k]` (PyTorch weight
  /// `[out, in]`), bias `[n]`, C `[m, n]`.
  public static func gemm(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, bias: UnsafePointer<Float>? = nil, accumulate: Bool = false
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var sum: Float = 0
        for p in 0..<k { sum += a[i * k + p] * b[j * k + p] }
        if let bias { sum += bias[j] }
        c[i * n + j] = accumulate ? c[i * n + j] + sum : sum
      }
    }
  }

  /// Unmerged LoRA forward `Y = X Wᵀ + bias + scale · (X Aᵀ) Bᵀ`: X `[m, k]`, W `[n, k]`,
  /// bias `[n]`, A `[r, k]`, B `[n, r]`, Y `[m, n]`. Computes `T = scale · X Aᵀ` first, as PEFT
  /// does (`lora_B(lora_A(x)) * scaling`, up to where the scale is applied).
  public static func loraForward(
    x: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
    loraA: UnsafePointer<Float>, loraB: UnsafePointer<Float>, scale: Float,
    output: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int, r: Int
  ) {
    var t = [Float](repeating: 0, count: m * r)
    for i in 0..<m {
      for q in 0..<r {
        var sum: Float = 0
        for p in 0..<k { sum += x[i * k + p] * loraA[q * k + p] }
        t[i * r + q] = scale * sum
      }
    }
    for i in 0..<m {
      for j in 0..<n {
        var sum: Float = 0
        for p in 0..<k { sum += x[i * k + p] * weight[j * k + p] }
        if let bias { sum += bias[j] }
        var low: Float = 0
        for q in 0..<r { low += t[i * r + q] * loraB[j * r + q] }
        output[i * n + j] = sum + low
      }
    }
  }

  /// `C = A · B (+ C when accumulate)`: A `[m, k]`, B `[k, n]`, C `[m, n]` (e.g. `dX = dY · W`).
  public static func matmul(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, accumulate: Bool = false
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var sum: Float = 0
        for p in 0..<k { sum += a[i * k + p] * b[p * n + j] }
        c[i * n + j] = accumulate ? c[i * n + j] + sum : sum
      }
    }
  }

  /// `C = Aᵀ · B (+ C when accumulate)`: A `[k, m]`, B `[k, n]`, C `[m, n]` (e.g. `dW = dYᵀ · X`).
  public static func matmulTransposedA(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, accumulate: Bool = false
  ) {
    for i in 0..<m {
      for j in 0..<n {
        var sum: Float = 0
        for p in 0..<k { sum += a[p * m + i] * b[p * n + j] }
        c[i * n + j] = accumulate ? c[i * n + j] + sum : sum
      }
    }
  }
}
