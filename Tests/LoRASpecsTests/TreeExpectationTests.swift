import Foundation
import RunResults
import Testing

/// `expect tree`: the marked module tree.
@Suite struct TreeExpectationTests {
  static let model = """
    # T

    ```model
    modules:
      - {name: enc.q, type: Linear, in_features: 4, out_features: 4}
      - {name: dec.q, type: Linear, in_features: 4, out_features: 4}
    freeze: [enc]
    ```

    """

  @Test func treeMarksAdaptedAndFrozenModules() async throws {
    let outcome = try await SpecHarness.run(
      Self.model + """
        ## S

        ```lora
        target_modules: [q]
        ```

        ```expect tree
        Module
          enc (Module)
            q (Linear)  [adapted, frozen]
          dec (Module)
            q (Linear)  [adapted]
        ```
        """)
    #expect(outcome.summary == ["S: PASS"])
  }

  @Test func aTreeThatDiffersFailsWithADiff() async throws {
    let outcome = try await SpecHarness.run(
      Self.model + """
        ## S

        ```lora
        target_modules: [dec.q]
        ```

        ```expect tree
        Module
          enc (Module)
            q (Linear)  [adapted, frozen]
          ...
        ```
        """)
    #expect(outcome.summary == ["S: FAIL"])
    let details = try #require(outcome.only("S")?.details)
    #expect(details.contains("[frozen]"))
  }
}
