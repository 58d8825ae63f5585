import LoRANumerics
import Support

/// A small `nn.Sequential` with real weights, LoRA injection by module name, forward,
/// backward and training: the numeric ground for scenarios ("only LoRA parameters
/// change", "a new adapter does not change the output", "merging gives the same output").
///
/// Modules are named `"0"`, `"1"`, … as in `nn.Sequential`. Base weights are drawn as
/// PyTorch initialises them (Linear: kaiming-uniform weight and U(±1/√in) bias;
/// Embedding: N(0, 1); LayerNorm: ones and zeros) from generators keyed by parameter name.
public struct SequentialModel: Equatable, Sendable {
  /// The modules as built.
  public let modules: [SequentialModule]
  /// Linear and Embedding layers (with their adapters), by module index.
  public internal(set) var loraLayers: [Int: LoraLayer]
  var layerNorms: [Int: LayerNormOp]

  /// Builds the model; throws when the list is empty, an Embedding is not first, or
  /// consecutive widths do not chain.
  public init(modules: [SequentialModule], seed: UInt64 = 0) throws {
    guard !modules.isEmpty else { throw ModelError("a sequential model needs at least one module") }
    switch modules[0] {
    case .embedding, .linear: break
    default: throw ModelError("the first module must be an Embedding or a Linear, not \(modules[0].typeName)")
    }
    self.modules = modules
    var layers: [Int: LoraLayer] = [:]
    var norms: [Int: LayerNormOp] = [:]
    var width: Int?
    for (i, module) in modules.enumerated() {
      let name = String(i)
      switch module {
      case .embedding(let num, let dim):
        guard i == 0 else { throw ModelError("module \(i): an Embedding can only be the first module") }
        guard num > 0, dim > 0 else { throw ModelError("module \(i): Embedding sizes must be positive") }
        var g = SeededGenerator(seed: seed, key: name + ".weight")
        let w = try LoraInitialisation.normal(shape: [num, dim], generator: &g)
        layers[i] = try LoraLayer(path: name, kind: .embedding, weight: w)
        width = dim
      case .linear(let inF, let outF, let hasBias):
        guard inF > 0, outF > 0 else { throw ModelError("module \(i): Linear sizes must be positive") }
        if let width, width != inF {
          throw ModelError("module \(i): Linear expects \(inF) input features but the previous module gives \(width)")
        }
        var gw = SeededGenerator(seed: seed, key: name + ".weight")
        let w = try LoraInitialisation.kaimingUniform(rows: outF, fanIn: inF, generator: &gw)
        var bias: Tensor?
        if hasBias {
          var gb = SeededGenerator(seed: seed, key: name + ".bias")
          let bound = 1 / Float(inF).squareRoot()
          bias = Tensor(vector: (0..<outF).map { _ in gb.nextUniform(-bound, bound) })
        }
        layers[i] = try LoraLayer(path: name, kind: .linear, weight: w, bias: bias)
        width = outF
      case .layerNorm(let dim, let eps):
        if let width, width != dim {
          throw ModelError("module \(i): LayerNorm normalises \(dim) features but the previous module gives \(width)")
        }
        norms[i] = LayerNormOp(
          weight: Tensor(vector: [Float](repeating: 1, count: dim)),
          bias: Tensor(vector: [Float](repeating: 0, count: dim)), eps: eps)
      case .dropout(let p):
        guard p >= 0, p <= 1 else { throw ModelError("module \(i): dropout probability \(p) is outside [0, 1]") }
      case .relu, .gelu, .silu, .tanh:
        break
      }
    }
    self.loraLayers = layers
    self.layerNorms = norms
  }

  /// The width of the model's output.
  public var outputFeatures: Int {
    for i in modules.indices.reversed() {
      if let layer = loraLayers[i] { return layer.outFeatures }
    }
    return 0
  }

  /// Whether the first module is an Embedding (the input is token ids).
  public var takesTokens: Bool {
    if case .embedding = modules.first { return true }
    return false
  }

  /// Replaces a Linear or Embedding layer (for example with one loaded from a checkpoint);
  /// its kind and shapes must match.
  public mutating func replaceLayer(at index: Int, with layer: LoraLayer) throws {
    guard let old = loraLayers[index] else { throw ModelError("module \(index) is not a Linear or Embedding") }
    guard old.kind == layer.kind, old.weight.shape == layer.weight.shape else {
      throw ModelError("module \(index): replacement layer does not match \(old.kind.rawValue) \(old.weight.shape)")
    }
    var l = layer
    l.path = String(index)
    loraLayers[index] = l
  }

  /// Applies a change to every LoRA-capable layer (merge, set active adapters…).
  public mutating func updateLayers(_ body: (inout LoraLayer) throws -> Void) rethrows {
    for key in loraLayers.keys.sorted() {
      if var layer = loraLayers[key] {
        try body(&layer)
        loraLayers[key] = layer
      }
    }
  }
}
