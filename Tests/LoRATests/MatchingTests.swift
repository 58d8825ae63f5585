import LoRAModules
import Testing

@testable import LoRA

/// `ModuleMatcher` / `MatchDecision`: PEFT's per-module decision with its reason.
@Suite struct MatchingTests {
  func matcher(_ json: String) throws -> ModuleMatcher { try ModuleMatcher(config: LoraConfig.decode(json)) }

  @Test func decisionsCarryTheirReason() throws {
    let m = try matcher(
      #"{"target_modules": ["q_proj", "self_attn.v_proj"], "exclude_modules": ["lm_head"], "modules_to_save": ["score"], "layers_to_transform": [0, 1]}"#
    )
    #expect(m.decide("model.layers.0.self_attn.q_proj") == .matched(.suffix("q_proj")))
    #expect(m.decide("model.layers.1.self_attn.v_proj") == .matched(.suffix("self_attn.v_proj")))
    #expect(m.decide("q_proj") == .matched(.exactName("q_proj")))
    #expect(m.decide("model.layers.5.self_attn.q_proj") == .layerFiltered(index: 5, allowed: .indices([0, 1])))
    #expect(m.decide("model.q_proj") == .layerFiltered(index: nil, allowed: .indices([0, 1])))
    #expect(m.decide("lm_head") == .excluded(.excludeName("lm_head")))
    #expect(m.decide("score.dense") == .excluded(.modulesToSave("score")))
    #expect(m.decide("model.layers.0.mlp") == .notTargeted)
  }

  @Test func descriptionsReadAsTheIssueAsksForThem() {
    #expect(MatchDecision.matched(.suffix("q_proj")).description == #"matched by suffix "q_proj""#)
    #expect(
      MatchDecision.layerFiltered(index: 5, allowed: .indices([0])).description == "layer 5 not in layers_to_transform")
    #expect(MatchDecision.unsupported(typeName: "LayerNorm").description == "type LayerNorm not supported")
    #expect(
      MatchDecision.excluded(.excludeRegex(".*vision.*")).description
        == #"excluded by regex ".*vision.*" (exclude_modules)"#)
    #expect(MatchDecision.matched(.regex(".*q")).kind == "matched")
    #expect(MatchDecision.notTargeted.outcome == .unmatched)
    #expect(MatchDecision.adapterInternal(layer: "x").outcome == .skipped)
  }

  @Test func aStringTargetMustMatchTheWholeKey() throws {
    let m = try matcher(#"{"target_modules": "q_proj"}"#)
    #expect(m.decide("model.layers.0.self_attn.q_proj") == .notTargeted)
    #expect(m.decide("q_proj") == .matched(.regex("q_proj")))
    // Python's fullmatch backtracks into alternatives: "a|ab" fully matches "ab".
    #expect(try matcher(#"{"target_modules": "a|ab"}"#).decide("ab").isAdapted)
  }

  @Test func excludeRegexWinsOverTargetsAndListEntriesDoNotExcludeChildren() throws {
    let m = try matcher(#"{"target_modules": ["q_proj"], "exclude_modules": ".*vision_tower.*"}"#)
    #expect(
      m.decide("model.vision_tower.encoder.layers.0.self_attn.q_proj") == .excluded(.excludeRegex(".*vision_tower.*")))
    let l = try matcher(#"{"target_modules": ["q_proj"], "exclude_modules": ["vision_tower"]}"#)
    #expect(l.decide("model.vision_tower.encoder.layers.0.self_attn.q_proj").isAdapted)
  }

  @Test func modulesToSaveGuardIsARegexFragmentAtDotBoundaries() throws {
    let m = try matcher(#"{"target_modules": ["score_head", "prescore"], "modules_to_save": ["score.*"]}"#)
    #expect(m.decide("model.score_head") == .excluded(.modulesToSave("score.*")))
    let literal = try matcher(#"{"target_modules": ["prescore"], "modules_to_save": ["score"]}"#)
    #expect(literal.decide("model.prescore").isAdapted)  // guard needs a dot boundary
  }

  @Test func layersPatternMayStartTheKeyIn021AndTakesTheFirstIndex() throws {
    let m = try matcher(#"{"target_modules": ["baz"], "layers_to_transform": [1], "layers_pattern": ["bar"]}"#)
    #expect(m.decide("bar.1.baz").isAdapted)
    #expect(m.decide("foo.bar.1.spam.2.baz").isAdapted)
    #expect(!m.decide("foo.bar.2.spam.1.baz").isAdapted)
    let regexPattern = try matcher(
      #"{"target_modules": ["baz"], "layers_to_transform": 1, "layers_pattern": "ba[rz]"}"#)
    #expect(regexPattern.decide("foo.bar.001.baz").isAdapted)
  }

  @Test func pythonRegexSyntaxIsTranslatedForIcu() throws {
    #expect(PythonRegex.translate(#"(?P<idx>\d+)\.(?P=idx)"#) == #"(?<idx>\d+)\.\k<idx>"#)
    #expect(PythonRegex.translate(#"abc\Z"#) == #"abc\z"#)
    #expect(PythonRegex.translate("layers.{i}.q") == #"layers.\{i\}.q"#)
    #expect(PythonRegex.translate("a{2,3}") == "a{2,3}")
    #expect(PythonRegex.translate("[[a&&b]") == #"[\[a\&\&b]"#)
    // Named groups and backreferences behave as in Python.
    let r = try PythonRegex(#"(?P<n>\w+)\.(?P=n)"#)
    #expect(r.fullMatch("q.q"))
    #expect(!r.fullMatch("q.k"))
    // `\Z` only matches at the very end (ICU's \Z would also match before a final newline).
    #expect(!(try PythonRegex(#"a\Z"#)).fullMatch("a\n"))
    #expect((try PythonRegex("x{i}")).fullMatch("x{i}"))
    #expect((try PythonRegex("[[]x")).fullMatch("[x"))
  }

  @Test func invalidRegexIsAReError() {
    #expect {
      try ModuleMatcher(config: LoraConfig.decode(#"{"target_modules": "(q_proj"}"#))
    } throws: { error in
      (error as? PeftError)?.kind == .regexError
    }
  }

  @Test func rankPatternKeysAreDotAlignedAndEndAnchored() {
    #expect(patternMatches("foo", "module.foo"))
    #expect(!patternMatches("foo", "module.foobar"))
    #expect(!patternMatches("foo", "module.barfoo"))
    #expect(patternMatches("^foo", "foo"))
    #expect(!patternMatches("^foo", "module.foo"))
    #expect(patternMatches("layers.1.self_attn.k_proj", "model.decoder.layers.1.self_attn.k_proj"))
  }
}
