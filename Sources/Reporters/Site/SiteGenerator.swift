import Foundation
import Support

/// Writes the static site: `index.html`, one page per spec (mirroring the spec folders),
/// `bench.html`, `style.css` and the SVG pictures under `img/`.
public enum SiteGenerator {
  /// Every page and picture as relative path -> content, without touching the disk.
  public static func render(_ document: SiteDocument) -> [String: String] {
    var files: [String: String] = ["style.css": Stylesheet.css, "index.html": IndexPage.render(document)]
    let paths = SitePaths(specs: Set(document.specs.map(\.relativePath)))
    for spec in document.specs {
      let (html, images) = SpecPage.render(spec, paths: paths, document: document)
      files[SitePaths.page(for: spec.relativePath)] = html
      for (name, svg) in images { files["img/\(name)"] = svg }
    }
    if let bench = document.bench {
      let (html, images) = BenchPage.render(bench, document: document)
      files["bench.html"] = html
      for (name, svg) in images { files["img/\(name)"] = svg }
    }
    return files
  }

  /// Writes the site into `directory` (created if needed) and returns the files written, sorted.
  @discardableResult
  public static func write(_ document: SiteDocument, to directory: URL) throws -> [URL] {
    var written: [URL] = []
    for (path, content) in render(document).sorted(by: { $0.key < $1.key }) {
      let file = directory.appendingPathComponent(path)
      do {
        try AtomicFile.write(Data(content.utf8), to: file.path)
      } catch {
        throw SiteError.cannotWrite(file.path, error.reason)
      }
      written.append(file)
    }
    return written
  }
}

/// Why the site could not be written.
public enum SiteError: Error, CustomStringConvertible, Equatable {
  /// A file could not be written.
  case cannotWrite(String, String)

  /// The message, naming the file.
  public var description: String {
    switch self {
    case .cannotWrite(let path, let why): "\(path): cannot write the site (\(why)); choose another --out folder"
    }
  }
}
