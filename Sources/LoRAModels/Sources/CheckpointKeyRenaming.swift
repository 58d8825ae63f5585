/// transformers' checkpoint conversion mapping (`_checkpoint_conversion_mapping` of the
/// `…ForConditionalGeneration` classes): checkpoints saved by older releases keep legacy keys
/// (`language_model.model.layers.0…`) that transformers renames when it loads them
/// (`model.language_model.layers.0…`). PEFT matches the runtime names, so a checkpoint's keys
/// are renamed the same way before they are compared with the catalog's tree.
enum CheckpointKeyRenaming {
  /// The rules per `model_type`: a legacy prefix (at the start of a key, followed by a dot)
  /// and its runtime replacement, the first matching rule applied; `unless` lists runtime
  /// prefixes a key may already have (then it is left alone).
  struct Rule {
    var legacy: String
    var runtime: String
    var unless: [String] = []
  }

  static let rules: [String: [Rule]] = [
    "llava": [
      Rule(legacy: "language_model.model", runtime: "model.language_model"),
      Rule(legacy: "vision_tower", runtime: "model.vision_tower"),
      Rule(legacy: "multi_modal_projector", runtime: "model.multi_modal_projector"),
      Rule(legacy: "language_model.lm_head", runtime: "lm_head"),
    ],
    "qwen2_vl": [
      Rule(legacy: "visual", runtime: "model.visual"),
      Rule(legacy: "model", runtime: "model.language_model", unless: ["model.language_model", "model.visual"]),
    ],
  ]

  /// `name` as transformers names it after loading a `modelType` checkpoint.
  static func runtimeName(_ name: String, modelType: String) -> String {
    for rule in rules[modelType] ?? [] {
      guard name == rule.legacy || name.hasPrefix(rule.legacy + ".") else { continue }
      if rule.unless.contains(where: { name == $0 || name.hasPrefix($0 + ".") }) { return name }
      return rule.runtime + name.dropFirst(rule.legacy.count)
    }
    return name
  }
}
