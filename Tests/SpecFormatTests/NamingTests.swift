import SpecFormat
import Testing

@Suite struct NamingTests {
  @Test func suiteNamesFollowPathsWithDotsInSegmentsReplaced() {
    #expect(SuiteNaming.suiteName(path: "Specs/auth/login.v2.md", root: nil) == "Specs.auth.login_v2")
    #expect(SuiteNaming.suiteName(path: "Specs/auth/login.md", root: "Specs") == "auth.login")
    #expect(SuiteNaming.suiteName(path: "./README.md", root: nil) == "README")
  }

  @Test func blockArgumentsSplitPositionalNamedAndQuoted() {
    let arguments = BlockArguments(parsing: " adapted name=other match=\"not found\" 'a b'")
    #expect(arguments.positional == ["adapted", "a b"])
    #expect(arguments["name"] == "other")
    #expect(arguments["match"] == "not found")
  }
}
