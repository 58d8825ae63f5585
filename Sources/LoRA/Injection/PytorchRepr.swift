import Foundation
import LoRAModules

/// A lock for the pattern cache.
struct NSLockShim: @unchecked Sendable {
  private let lock = NSLock()
  func withLock<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }
}

/// PyTorch's `repr(module)` for the kinds the tree knows; containers are abbreviated to
/// `TypeName(...)` (PyTorch prints every child on its own line).
func pytorchRepr(_ module: Module) -> String {
  let t = module.typeName
  switch module.kind {
  case .linear(let i, let o, let b): return "\(t)(in_features=\(i), out_features=\(o), bias=\(b ? "True" : "False"))"
  case .embedding(let n, let d): return "\(t)(\(n), \(d))"
  case .transformersConv1D(let i, let o): return "\(t)(nf=\(o), nx=\(i))"
  case .norm(let shape, let rms, let bias):
    if rms { return "\(t)((\(shape),), eps=1e-06)" }
    return "\(t)((\(shape),), eps=1e-05, elementwise_affine=True\(bias ? "" : ", bias=False"))"
  case .conv(_, let i, let o, let k, let g, let b):
    let kernel = "(" + k.map(String.init).joined(separator: ", ") + (k.count == 1 ? ",)" : ")")
    var s =
      "\(t)(\(i), \(o), kernel_size=\(kernel), stride=" + "(" + k.map { _ in "1" }.joined(separator: ", ")
      + (k.count == 1 ? ",)" : ")")
    if g != 1 { s += ", groups=\(g)" }
    if !b { s += ", bias=False" }
    return s + ")"
  case .multiheadAttention: return "\(t)(...)"
  case .container: return "\(t)(...)"
  case .other: return "\(t)()"
  }
}
