import BenchRegression
import Reporters
import RunResults

enum SiteFixtures {
  static let frozenSpec = """
    ---
    tags: [seed, vlm]
    ---
    # A frozen vision tower still gets adapters

    See [the matching rules](matching/rules.md#suffixes), [PEFT](https://github.com/huggingface/peft)
    and [a missing page](nowhere.md).

    | kind | meaning |
    |---|---|
    | adapted | has LoRA |

    ```model
    architecture: llava
    ```

    ## Name matching ignores requires_grad

    ```expect adapted
    model.vision_tower.layers.0.q_proj
    ```

    ```expect trainable
    trainable params: 1
    ```

    ~~struck~~ text and <script>alert(1)</script> filtered.
    """

  static let rulesSpec = """
    # Matching rules

    Back to [the seed](../frozen-vision-tower.md).

    ## Suffixes

    ```expect adapted
    q_proj
    ```
    """

  static func tree() -> TreeView {
    var modules: [TreeView.Module] = [
      .init(path: "model.embed_tokens", type: "Embedding", totalParameters: 1000),
      .init(path: "model.vision_tower", type: "VisionTower", frozen: true),
    ]
    for layer in 0..<4 {
      modules.append(.init(path: "model.layers.\(layer)", type: "LlamaDecoderLayer"))
      modules.append(
        .init(
          path: "model.layers.\(layer).self_attn.q_proj", type: "Linear", adapted: true, trainableParameters: 128,
          totalParameters: 4224))
      modules.append(.init(path: "model.layers.\(layer).self_attn.k_proj", type: "Linear", totalParameters: 4096))
    }
    // Layer 4 differs: not adapted.
    modules.append(.init(path: "model.layers.4", type: "LlamaDecoderLayer"))
    modules.append(.init(path: "model.layers.4.self_attn.q_proj", type: "Linear", totalParameters: 4096))
    modules.append(.init(path: "model.layers.4.self_attn.k_proj", type: "Linear", totalParameters: 4096))
    modules.append(
      .init(
        path: "model.vision_tower.layers.0.q_proj", type: "Linear", adapted: true, frozen: true,
        trainableParameters: 64, totalParameters: 1056))
    modules.append(.init(path: "model.vision_tower.layers.0.fc1", type: "Linear", frozen: true, totalParameters: 2048))
    return TreeView(title: "llava", modules: modules, trainableParameters: 576, totalParameters: 45_576)
  }

  static func benchReport(date: String, commit: String, scale: Double) -> BenchReport {
    let fingerprint = BenchFingerprint(
      cpu: "AMD EPYC 9R14", cores: 2, os: "Debian 12", swift: "6.3.1", configuration: "release", commit: commit,
      hostname: "h", kernelISA: "avx2-fma")
    var results: [BenchResult] = []
    for m in [1, 16, 128] {
      let base = Double(m) * 0.2 * scale + 1
      results.append(BenchResult(kernel: "gemm", m: m, n: 4096, k: 4096, samplesMs: [base, base * 1.01, base * 0.99]))
      results.append(
        BenchResult(kernel: "openblas-sgemm", m: m, n: 4096, k: 4096, samplesMs: [base * 1.1, base * 1.12]))
      results.append(
        BenchResult(
          kernel: "reference-gemm", m: m, n: 4096, k: 4096, samplesMs: [base * 60], gflops: 2.5, note: "subsampled"))
      results.append(
        BenchResult(kernel: "lora-fused", m: m, n: 4096, k: 4096, r: 16, samplesMs: [base * 1.04, base * 1.05]))
      results.append(
        BenchResult(kernel: "lora-unfused", m: m, n: 4096, k: 4096, r: 16, samplesMs: [base * 1.3, base * 1.31]))
    }
    return BenchReport(date: date, fingerprint: fingerprint, results: results)
  }

  static func document() -> SiteDocument {
    let frozen = SiteSpec(
      relativePath: "frozen-vision-tower.md", displayPath: "Specs/frozen-vision-tower.md", markdown: frozenSpec,
      tags: ["seed", "vlm"], time: 0.25,
      cases: [
        SiteCase(
          name: "Name matching ignores requires_grad", status: .fail, line: 17, time: 0.2,
          message: "expect trainable: 1 line differs")
      ],
      blocks: [
        SiteBlock(line: 13, status: .pass),
        SiteBlock(line: 19, status: .pass),
        SiteBlock(
          line: 23, status: .fail, expected: "trainable params: 1",
          actual: "trainable params: 576 || all params: 45,576",
          message: "the trainable count differs"),
      ],
      trees: [SiteTree(scenario: "Name matching ignores requires_grad", line: 13, tree: tree())])
    let rules = SiteSpec(
      relativePath: "matching/rules.md", displayPath: "Specs/matching/rules.md", markdown: rulesSpec, time: 0.01,
      cases: [SiteCase(name: "Suffixes", status: .pass, line: 5, time: 0.01)],
      blocks: [SiteBlock(line: 7, status: .pass)])
    let broken = SiteSpec(
      relativePath: "broken.md", markdown: "# Broken\n", problem: "Specs/broken.md:3: unknown block kind 'expectt'")
    return SiteDocument(
      title: "lora-spec specs", specs: [frozen, rules, broken],
      bench: SiteBench(
        latest: benchReport(date: "2026-11-30T05:00:00Z", commit: "cccccccccc", scale: 1),
        history: [
          benchReport(date: "2026-11-28T05:00:00Z", commit: "aaaaaaaaaa", scale: 1.2),
          benchReport(date: "2026-11-29T05:00:00Z", commit: "bbbbbbbbbb", scale: 1.1),
          benchReport(date: "2026-11-30T05:00:00Z", commit: "cccccccccc", scale: 1),
        ]),
      generated: "2026-11-30T05:30:00Z")
  }
}
