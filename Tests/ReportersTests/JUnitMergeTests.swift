import Foundation
import Reporters
import RunResults
import TestSupport
import Testing

@Suite struct JUnitMergeTests {
  @Test func mergeKeepsSuitesInOrderAndRecomputesTotals() throws {
    let directory = try RepositoryPaths.temporaryDirectory("merge")
    defer { try? FileManager.default.removeItem(at: directory) }
    let first = JUnitDocument(suites: [
      JUnitSuite(
        name: "Specs.a", time: 1, file: "Specs/a.md",
        cases: [JUnitCase(classname: "Specs.a", name: "x", time: 1, file: "Specs/a.md", line: 3)])
    ])
    let second = JUnitDocument(suites: [
      JUnitSuite(
        name: "Specs.b", time: 2, properties: [JUnitProperty(name: "shard", value: "2/2")],
        cases: [
          JUnitCase(
            classname: "Specs.b", name: "y", time: 2,
            outcome: JUnitOutcome(kind: .failure, type: "T", message: "m", body: "b")),
          JUnitCase(classname: "Specs.b", name: "z", outcome: JUnitOutcome(kind: .skipped, message: "s")),
        ])
    ])
    let a = directory.appendingPathComponent("junit-shard-1-of-2.xml").path
    let b = directory.appendingPathComponent("junit-shard-2-of-2.xml").path
    try JUnitXML.write(first, to: a)
    try JUnitXML.write(second, to: b)
    let merged = try JUnitMerge.merge(paths: [a, b])
    #expect(merged.suites.map(\.name) == ["Specs.a", "Specs.b"])
    #expect(merged.tests == 3)
    #expect(merged.failures == 1)
    #expect(merged.skipped == 1)
    #expect(merged.suites[0].cases[0].line == 3)
    #expect(merged.suites[1].properties == [JUnitProperty(name: "shard", value: "2/2")])
    #expect(merged.suites[1].cases[0].outcome == JUnitOutcome(kind: .failure, type: "T", message: "m", body: "b"))
    #expect(merged == JUnitMerge.merge([first, second]))
  }

  @Test func readsASingleTestsuiteRootAndNestedSuites() throws {
    let xml = """
      <testsuite name="outer" tests="1" failures="0" errors="0"><testsuite name="inner" tests="1" failures="0" errors="0"><testcase classname="c" name="n"/></testsuite></testsuite>
      """
    let document = try JUnitXML.read(data: Data(xml.utf8), name: "x.xml")
    #expect(document.suites.map(\.name) == ["outer", "inner"])
    #expect(document.tests == 1)
  }

  @Test func malformedInputIsAnErrorWithItsName() {
    #expect {
      try JUnitXML.read(data: Data("<testsuites><oops></testsuites>".utf8), name: "bad.xml")
    } throws: { error in
      (error as? JUnitXML.Failure)?.description.hasPrefix("bad.xml: line 1") == true
    }
    #expect(throws: JUnitXML.Failure.self) { try JUnitXML.read(data: Data("<html/>".utf8), name: "h.xml") }
  }
}
