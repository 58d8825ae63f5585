import Foundation
import Testing

@testable import Reporters

@Suite("Documentation site")
struct SiteTests {
  let files = SiteGenerator.render(SiteFixtures.document())

  @Test("The HTML checker rejects broken markup (so a clean result means something)")
  func checkerCatchesErrors() {
    #expect(!SiteHTMLCheck.errors(in: "<!DOCTYPE html><html><body><p><b>x</p></div></body></html>").isEmpty)
    #expect(
      SiteHTMLCheck.errors(
        in: "<!DOCTYPE html><html><head><title>t</title></head><body><main><p>x</p></main></body></html>"
      ).isEmpty)
  }

  @Test("Every page is HTML libxml2's parser accepts without errors")
  func validHTML() throws {
    let pages = files.keys.filter { $0.hasSuffix(".html") }.sorted()
    #expect(pages == ["bench.html", "broken.html", "frozen-vision-tower.html", "index.html", "matching/rules.html"])
    for page in pages {
      let errors = SiteHTMLCheck.errors(in: try #require(files[page]))
      #expect(errors.isEmpty, "\(page): \(errors)")
    }
  }

  @Test("Every picture is well-formed SVG")
  func validSVG() throws {
    let images = files.keys.filter { $0.hasSuffix(".svg") }.sorted()
    #expect(images.contains("img/frozen-vision-tower-tree-1.svg"))
    #expect(images.contains("img/bench-gemm.svg"))
    #expect(images.contains("img/bench-lora.svg"))
    #expect(images.contains("img/bench-history-gemm.svg"))
    for image in images {
      let errors = SiteHTMLCheck.xmlErrors(in: try #require(files[image]))
      #expect(errors.isEmpty, "\(image): \(errors)")
    }
  }

  @Test("Pages work offline: no scripts, no remote stylesheets or images, a viewport and print styles")
  func offlineAndResponsive() throws {
    for (path, content) in files where path.hasSuffix(".html") {
      #expect(!content.contains("<script"), "\(path)")
      #expect(!content.contains("src=\"http"), "\(path)")
      #expect(!content.contains("href=\"http") || path == "frozen-vision-tower.html", "\(path)")
      #expect(content.contains("<meta name=\"viewport\""))
    }
    let css = try #require(files["style.css"])
    #expect(css.contains("@media print"))
    #expect(css.contains("@media (max-width: 40rem)"))
    #expect(try #require(files["matching/rules.html"]).contains("href=\"../style.css\""))
  }

  @Test("A spec page renders GFM, rewrites spec links, and leaves other links alone")
  func specPageMarkdown() throws {
    let page = try #require(files["frozen-vision-tower.html"])
    #expect(page.contains("<table>"))
    #expect(page.contains("<del>struck</del>"))
    #expect(page.contains("href=\"matching/rules.html#suffixes\""))
    #expect(page.contains("href=\"https://github.com/huggingface/peft\""))
    #expect(page.contains("href=\"nowhere.md\""))
    #expect(!page.contains("<script>alert"))
    #expect(!page.contains("tags: [seed, vlm]"))
    #expect(page.contains("<a id=\"L4\"></a>"))
    let back = try #require(files["matching/rules.html"])
    #expect(back.contains("href=\"../frozen-vision-tower.html\""))
  }

  @Test("Executable blocks are marked, and a failure shows expected versus actual")
  func blockOutcomes() throws {
    let page = try #require(files["frozen-vision-tower.html"])
    #expect(page.contains("<div class=\"block status-pass\" id=\"block-L19\">"))
    #expect(page.contains("<div class=\"block status-fail\" id=\"block-L23\">"))
    #expect(page.contains("<span class=\"expected\">- trainable params: 1</span>"))
    #expect(page.contains("<span class=\"actual\">+ trainable params: 576 || all params: 45,576</span>"))
    #expect(page.contains("the trainable count differs"))
    #expect(page.contains("<img src=\"img/frozen-vision-tower-tree-1.svg\""))
  }

  @Test("The index counts outcomes per suite and links scenarios to their lines")
  func index() throws {
    let index = try #require(files["index.html"])
    #expect(index.contains("<li>3 specs</li><li>3 scenarios</li>"))
    #expect(index.contains("1 passed</li>"))
    #expect(index.contains("1 failed</li>"))
    #expect(index.contains("1 errors</li>"))
    #expect(index.contains("href=\"frozen-vision-tower.html#L17\""))
    #expect(index.contains("href=\"matching/rules.html\""))
    #expect(index.contains("<span>seed</span>"))
    #expect(index.contains("unknown block kind"))
    #expect(index.contains("href=\"bench.html\""))
  }

  @Test("The site is written to disk with pages mirroring the spec folders")
  func writesFiles() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let written = try SiteGenerator.write(SiteFixtures.document(), to: dir)
    #expect(written.count == files.count)
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("matching/rules.html").path))
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("img/bench-gemm.svg").path))
  }
}
