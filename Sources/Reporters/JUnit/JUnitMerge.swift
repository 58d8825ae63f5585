/// `lora-spec junit-merge`: combines the reports of several shards into one.
public enum JUnitMerge {
  /// The suites of every document in order, totals recomputed from the cases.
  public static func merge(_ documents: [JUnitDocument], name: String = "lora-spec") -> JUnitDocument {
    JUnitDocument(name: name, suites: documents.flatMap(\.suites))
  }

  /// Reads the reports at `paths` and merges them.
  public static func merge(paths: [String]) throws(JUnitXML.Failure) -> JUnitDocument {
    var documents: [JUnitDocument] = []
    for path in paths { documents.append(try JUnitXML.read(path: path)) }
    return merge(documents, name: documents.first?.name ?? "lora-spec")
  }
}
