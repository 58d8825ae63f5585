import LoRANumerics
import Support

/// Kernel test inputs from the project's one seeded generator (SplitMix64, in Support).
struct KernelTestRandom {
  var generator: SeededGenerator

  init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

  /// Uniform in [-1, 1).
  mutating func float() -> Float {
    Float(generator.next() >> 40) / Float(1 << 23) - 1
  }

  mutating func floats(_ count: Int) -> [Float] {
    (0..<count).map { _ in float() }
  }
}

/// The tolerance of every kernel comparison: a Float sum of `terms` products may differ from
/// another summation order by at most about `terms · ε · Σ|products|` (the standard bound on
/// recursive summation); we allow `2 · terms · ε · Σ|aᵢbᵢ|` plus a tiny absolute floor.
func kernelTolerance(terms: Int, absoluteSum: Float) -> Float {
  2 * Float(max(terms, 1)) * Float.ulpOfOne * absoluteSum + 1e-30
}

/// Compares `actual` with `expected` elementwise; `scale[i]` is `Σ|products|` of element `i`.
/// Returns a description of the first mismatch, or nil.
func firstMismatch(actual: [Float], expected: [Float], scale: [Float], terms: Int) -> String? {
  guard actual.count == expected.count else { return "count \(actual.count) != \(expected.count)" }
  for i in 0..<actual.count {
    let tolerance = kernelTolerance(terms: terms, absoluteSum: scale[i])
    if !(abs(actual[i] - expected[i]) <= tolerance) {
      return "element \(i): \(actual[i]) vs reference \(expected[i]) (tolerance \(tolerance))"
    }
  }
  return nil
}

/// Owned Float memory for calling the raw-pointer kernels in tests.
final class FloatBuffer {
  let pointer: UnsafeMutablePointer<Float>
  let count: Int

  init(_ values: [Float]) {
    count = values.count
    pointer = .allocate(capacity: max(1, count))
    for (i, v) in values.enumerated() { pointer[i] = v }
  }

  convenience init(zeros count: Int) { self.init([Float](repeating: 0, count: count)) }

  var values: [Float] { (0..<count).map { pointer[$0] } }
  var constant: UnsafePointer<Float> { UnsafePointer(pointer) }

  deinit { pointer.deallocate() }
}

/// Σ|a||b| (+|bias|) (+|C|) for every output of `C = A·Bᵀ (+ bias) (+ C)`, by the reference
/// kernel on absolute values.
func absoluteGEMMScale(
  _ a: [Float], _ b: [Float], bias: [Float]?, initial: [Float]?, m: Int, n: Int, k: Int
) -> [Float] {
  let absA = FloatBuffer(a.map(abs)), absB = FloatBuffer(b.map(abs))
  let out = FloatBuffer(initial.map { $0.map(abs) } ?? [Float](repeating: 0, count: m * n))
  let absBias = bias.map { FloatBuffer($0.map(abs)) }
  ReferenceKernels.gemm(
    absA.constant, absB.constant, out.pointer, m: m, n: n, k: k, bias: absBias?.constant,
    accumulate: initial != nil)
  return out.values
}

/// Every accelerated kernel set this CPU runs (each is checked against the reference).
let acceleratedSets = KernelSet.available().filter { $0.name != KernelSet.reference.name }
