import LoRAModules
import Testing

@testable import LoRAModels

/// The one layer-kind description (`ModuleKind.parameters`) and its inverse (inference from
/// safetensors shapes) agree, and module lists cannot ask for shapes that overflow.
@Suite struct LayerKindAgreementTests {
  @Test(arguments: [
    ("q_proj", ModuleKind.linear(inFeatures: 8, outFeatures: 4, bias: true), "Linear"),
    ("q_proj", ModuleKind.linear(inFeatures: 8, outFeatures: 4, bias: false), "Linear"),
    ("embed_tokens", ModuleKind.embedding(numEmbeddings: 10, embeddingDim: 4), "Embedding"),
    (
      "patch",
      ModuleKind.conv(dimensions: 2, inChannels: 3, outChannels: 8, kernelSize: [2, 2], groups: 1, bias: true),
      "Conv2d"
    ),
    ("c_attn", ModuleKind.transformersConv1D(inFeatures: 8, outFeatures: 24), "Conv1D"),
    ("norm", ModuleKind.norm(normalizedShape: 8, rms: false, bias: true), "LayerNorm"),
    ("norm", ModuleKind.norm(normalizedShape: 8, rms: true, bias: false), "RMSNorm"),
  ])
  func inferenceFromTheParametersGivesTheKindBack(leaf: String, kind: ModuleKind, type: String) {
    let inferred = ModuleKindInference.infer(path: "m." + leaf, parameters: kind.parameters, hints: .init())
    #expect(inferred.kind == kind)
    #expect(inferred.type == type)
  }

  @Test func aNormWithAnOverflowingShapeIsAnErrorNamingTheModule() {
    let text = """
      modules:
        - {name: norm, type: LayerNorm, normalized_shape: [4294967296, 4294967296]}
      """
    #expect {
      try ModuleListFile.parse(text, source: "hostile.yaml")
    } throws: { error in
      "\(error)".contains("hostile.yaml") && "\(error)".contains("'norm'")
    }
  }
}

/// Names read from files are bounded: every prefix of a name is a module.
@Suite struct ModuleNameLimitTests {
  @Test func aModuleNameOfThousandsOfPartsIsRefusedNamingTheFile() {
    let name = Array(repeating: "a", count: 1_000).joined(separator: ".")
    #expect {
      try ModuleListFile.parse("modules:\n  - {name: \(name), type: ReLU}\n", source: "deep.yaml")
    } throws: { error in
      "\(error)".hasPrefix("deep.yaml:2") && "\(error)".contains("1000 dotted parts, more than the 256 accepted")
    }
  }

  @Test func realisticNamesPass() {
    #expect(ModuleNameLimits.problem(with: "model.language_model.layers.79.self_attn.q_proj") == nil)
  }
}
