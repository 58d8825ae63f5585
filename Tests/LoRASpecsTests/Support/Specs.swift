/// Small spec texts shared by the tests.
enum Specs {
  /// A background with a one-layer tiny Llama (hidden 64, 2 of 4 heads for k/v).
  static let llamaModel = """
    ```model
    architecture: llama
    config: {num_hidden_layers: 1}
    ```
    """

  /// A suite: the one-layer Llama as background, then `scenarios`.
  static func llama(_ scenarios: String) -> String {
    "# Suite\n\n\(llamaModel)\n\n\(scenarios)"
  }

  /// The attention projections of the one-layer Llama.
  static let q = "model.layers.0.self_attn.q_proj"
  static let k = "model.layers.0.self_attn.k_proj"
  static let v = "model.layers.0.self_attn.v_proj"
  static let o = "model.layers.0.self_attn.o_proj"
}
