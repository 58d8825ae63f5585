import LoRANumerics

extension LoraConfig {
  /// The rank for a module key: the first `rank_pattern` entry (file order) whose
  /// pattern matches as `re.match("(.*\.)?(p)$", key)`, else `r`.
  public func rank(forModule key: String) -> Int {
    rankPattern.first { patternMatches($0.key, key) }?.value ?? r
  }

  /// `lora_alpha` for a module key, by `alpha_pattern` as ``rank(forModule:)``.
  public func alpha(forModule key: String) -> Double {
    (alphaPattern.first { patternMatches($0.key, key) }?.value ?? loraAlpha).doubleValue
  }

  /// The numeric initialisation mode for `init_lora_weights`; throws for methods the
  /// reference engine does not reproduce (`pissa`, `olora`, `eva`, `loftq`…).
  public func numericInitMode() throws -> LoraInitMode {
    switch initLoraWeights {
    case .bool(true): return .standard
    case .bool(false): return .noReinit
    case .method("gaussian"): return .gaussian
    case .method(let other):
      throw PeftError(
        .unsupported,
        "init_lora_weights=\"\(other)\" is not reproduced by the numeric engine; use true, false or \"gaussian\"")
    }
  }
}
