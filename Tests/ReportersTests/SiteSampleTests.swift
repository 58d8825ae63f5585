import Foundation
import Testing

@testable import Reporters

/// Writes the fixture site where `LORA_SPEC_SAMPLE_SITE` points, for Scripts/screenshot/ and for
/// looking at the site in a browser. Without the variable it only checks the site renders.
@Suite("Sample site")
struct SiteSampleTests {
  @Test("The sample site renders, and is written when LORA_SPEC_SAMPLE_SITE is set")
  func sample() throws {
    let files = SiteGenerator.render(SiteFixtures.document())
    #expect(files["index.html"] != nil)
    guard let path = ProcessInfo.processInfo.environment["LORA_SPEC_SAMPLE_SITE"], !path.isEmpty else { return }
    let written = try SiteGenerator.write(SiteFixtures.document(), to: URL(fileURLWithPath: path, isDirectory: true))
    #expect(written.count == files.count)
  }
}
