import Testing

@testable import Reporters

@Suite("Module-tree picture")
struct SVGTreeTests {
  @Test("Identical consecutive layers are grouped with a count; a differing layer stays apart")
  func grouping() throws {
    let root = TreeGrouping.build(SiteFixtures.tree())
    let model = try #require(root.children.first { $0.name == "model" })
    let layers = try #require(model.children.first { $0.name == "layers" })
    #expect(layers.children.map(\.name) == ["0–3", "4"])
    #expect(layers.children.map(\.count) == [4, 1])
    #expect(layers.trainable == 4 * 128)
    #expect(layers.statusCounts()[.adapted] == 4)
  }

  @Test("Statuses follow the flags: adapted, adapted-frozen, frozen, plain")
  func statuses() {
    #expect(TreeView.Module(path: "a", type: "Linear", adapted: true, frozen: true).status == .adaptedFrozen)
    #expect(TreeView.Module(path: "a", type: "Linear", adapted: true).status == .adapted)
    #expect(TreeView.Module(path: "a", type: "Linear", frozen: true).status == .frozen)
    #expect(TreeView.Module(path: "a", type: "Linear").status == .plain)
  }

  @Test("The SVG labels each style in text and in a legend, with counts beside the modules")
  func drawing() {
    let svg = TreeSVG.render(SiteFixtures.tree())
    #expect(SiteHTMLCheck.xmlErrors(in: svg).isEmpty)
    #expect(svg.contains("0–3 ×4: LlamaDecoderLayer"))
    #expect(svg.contains("q_proj: Linear [LoRA]"))
    #expect(svg.contains("q_proj: Linear [LoRA·frozen]"))
    #expect(svg.contains("fc1: Linear [frozen]"))
    #expect(svg.contains("<rect class=\"adapted-frozen\""))
    for status in TreeModuleStatus.allCases { #expect(svg.contains(status.label)) }
    #expect(svg.contains("trainable 128 / 4,224"))
    #expect(svg.contains("trainable params: 576 || all params: 45,576"))
  }

  @Test("Module names with markup characters are escaped")
  func escaping() {
    let svg = TreeSVG.render(TreeView(title: "a<b>&c", modules: [.init(path: "x<y", type: "T&\"")]))
    #expect(SiteHTMLCheck.xmlErrors(in: svg).isEmpty)
    #expect(svg.contains("x&lt;y: T&amp;&quot;"))
  }
}
