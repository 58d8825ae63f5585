/// `lora-spec junit-merge`: combines the reports of several shards into one.
public enum JUnitMerge {
  /// The suites of every document in order, totals recomputed from the cases.
  public static func merge(_ documents: [JUnitDocument], name: String = "lora-spec") -> JUnitDocument {
    JUnitDocument(name: name, suites: documents.flatMap(\.suites))
  }

  /// Reads the reports at `paths` and merges them.
  ///
  /// A suite found in two reports is refused: shards never share a spec file, so it means the
  /// same report (or overlapping shards) given twice, and merging would count its cases twice.
  public static func merge(paths: [String]) throws(JUnitXML.Failure) -> JUnitDocument {
    var documents: [JUnitDocument] = []
    var firstSeen: [String: String] = [:]
    for path in paths {
      let document = try JUnitXML.read(path: path)
      for suite in document.suites {
        let key = suite.file.map { "\(suite.name) (\($0))" } ?? suite.name
        if let earlier = firstSeen[key] {
          throw JUnitXML.Failure(
            description:
              "\(path): suite \(key) is also in \(earlier); the same report or overlapping shards were given twice, "
              + "and merging would count its cases twice")
        }
        firstSeen[key] = path
      }
      documents.append(document)
    }
    return merge(documents, name: documents.first?.name ?? "lora-spec")
  }
}
