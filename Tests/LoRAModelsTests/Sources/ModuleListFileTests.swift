import Foundation
import LoRAModels
import LoRAModules
import Testing

@Suite struct ModuleListFileTests {
  static let example = """
    root: TinyNet
    modules:
      - {name: embed, type: Embedding, num_embeddings: 100, embedding_dim: 16}
      - {name: encoder.0.q, type: Linear, in_features: 16, out_features: 32, bias: false}
      - {name: encoder.0.act, type: GELU}
      - {name: encoder.1.conv, type: Conv2d, in_channels: 4, out_channels: 8, kernel_size: [3, 1], groups: 2}
      - {name: encoder.0.norm, type: LayerNorm, normalized_shape: 32}
      - {name: head.c_attn, type: Conv1D, in_features: 16, out_features: 48}
      - {name: head.rms, type: RMSNorm, normalized_shape: 16}
      - {name: head.mha, type: MultiheadAttention, embed_dim: 16, num_heads: 4}
      - name: head.scale
        type: Scale
        params: [{name: alpha, shape: [16], requires_grad: false}]
    """

  @Test func buildsEveryLayerKindWithPyTorchShapes() throws {
    let tree = try ModuleListFile.parse(Self.example, source: "net.yaml")
    #expect(tree.rootTypeName == "TinyNet")
    #expect(tree["embed"]?.parameters.map(\.shape) == [[100, 16]])
    #expect(tree["encoder.0.q"]?.kind == .linear(inFeatures: 16, outFeatures: 32, bias: false))
    #expect(tree["encoder.0.q"]?.parameters.map(\.name) == ["weight"])
    #expect(tree["encoder.0.act"]?.kind == .other)
    #expect(tree["encoder.1.conv"]?.parameters.map(\.shape) == [[8, 2, 3, 1], [8]])
    #expect(tree["head.c_attn"]?.parameters.map(\.shape) == [[16, 48], [48]])
    #expect(tree["head.rms"]?.kind == .norm(normalizedShape: 16, rms: true, bias: false))
    #expect(tree["head.mha.out_proj"]?.typeName == "NonDynamicallyQuantizableLinear")
    #expect(tree["head.mha"]?.parameters.map(\.shape) == [[48, 16], [48]])
    #expect(tree["head.scale"]?.parameters.first?.requiresGrad == false)
  }

  @Test func parentsAreImplicitAndTheOrderIsPreOrder() throws {
    let tree = try ModuleListFile.parse(Self.example, source: "net.yaml")
    #expect(
      tree.modules.map(\.path) == [
        "", "embed", "encoder", "encoder.0", "encoder.0.q", "encoder.0.act", "encoder.0.norm", "encoder.1",
        "encoder.1.conv", "head", "head.c_attn", "head.rms", "head.mha", "head.mha.out_proj", "head.scale",
      ])
    #expect(tree["encoder"]?.typeName == "ModuleList")
    #expect(tree["head"]?.typeName == "Module")
  }

  @Test func jsonModuleListsWork() throws {
    let json = #"{"modules": [{"name": "a.b", "type": "Linear", "in_features": 2, "out_features": 3}]}"#
    let tree = try ModuleListFile.parse(json, source: "m.json")
    #expect(tree.parameterCounts.all == 9)
  }

  @Test(arguments: [
    ("modules:\n  - {name: q, type: Lineer, in_features: 4, out_features: 4}\n", 2, "did you mean 'Linear'?"),
    ("modules:\n  - {name: q, type: linear}\n", 2, "did you mean 'Linear'?"),
    ("modules:\n  - {name: q, type: Linear, in_feature: 4, out_features: 4}\n", 2, "did you mean 'in_features'?"),
    ("modules:\n  - {name: q, type: Linear, out_features: 4}\n", 2, "needs 'in_features'"),
    (
      "modules:\n  - {name: q, type: Linear, in_features: -4, out_features: 4}\n", 2, "must be an integer of at least 1"
    ),
    (
      "modules:\n  - {name: q, type: Linear, in_features: 4, out_features: 4}\n  - {name: q, type: GELU}\n", 3,
      "listed twice"
    ),
    ("moduls: []\n", 1, "did you mean 'modules'?"),
    ("modules: {a: 1}\n", 1, "must be a list"),
    ("modules:\n  - {name: .q, type: GELU}\n", 2, "dotted path"),
    ("modules:\n  - [1, 2\n", 3, "invalid YAML"),
    ("modules:\n  - {name: c, type: Conv2d, in_channels: 3, out_channels: 4, kernel_size: [3]}\n", 2, "list of 2"),
  ])
  func errorsNameTheFileAndLine(text: String, line: Int?, message: String) {
    do {
      _ = try ModuleListFile.parse(text, source: "list.yaml")
      Issue.record("accepted: \(text)")
    } catch {
      #expect(error.source == "list.yaml")
      #expect(error.line == line, "\(error)")
      #expect(error.description.contains(message), "\(error)")
    }
  }

  @Test func embeddedTextReportsLinesOfTheEnclosingFileAndSkipsItsKeys() {
    let body = "freeze: [a]\nmodules:\n  - {name: a, type: Linear, in_features: 2}\n"
    do {
      _ = try ModuleListFile.parse(body, source: "Specs/x.md", firstLine: 10, otherKeys: ["freeze"])
      Issue.record("accepted")
    } catch {
      #expect(error.description == "Specs/x.md:12: module 'a' needs 'out_features'")
    }
    #expect(throws: ModelSourceError.self) {
      _ = try ModuleListFile.parse(
        "modules:\n  - {name: a, type: Linear, in_features: 2, oops: 1}\n", source: "s", firstLine: 10)
    }
    do {
      _ = try ModuleListFile.parse(
        "modules:\n  - {name: a, type: Linear, in_features: 2, oops: 1}\n", source: "s", firstLine: 10)
    } catch {
      #expect(error.line == 11)
    }
  }
}
