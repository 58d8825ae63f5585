import Foundation
import RunResults
import Testing

/// A failure is told once: where, what differs, the diff — not three times.
@Suite struct FailureTextTests {
  @Test func aSingleFailureIsPrintedOnceWithItsDiff() async throws {
    let outcome = try await SpecHarness.run(
      Specs.llama(
        """
        ## Wrong list

        ```lora
        target_modules: [q_proj]
        ```

        ```expect adapted
        model.layers.0.self_attn.k_proj
        ```

        """))
    let failed = try #require(outcome.only("Wrong list"))
    #expect(failed.code == .fail)
    #expect(failed.details.components(separatedBy: "1 missing, 1 unexpected").count == 2, "\(failed.details)")
    #expect(failed.details.hasSuffix("unexpected (1):\n  + model.layers.0.self_attn.q_proj"))
    #expect(
      failed.message
        == "expect adapted at \(failed.failureLocation?.description ?? ""): adapted modules: 1 missing, 1 unexpected")
  }
}
