/// `model_type`s transformers defines that the catalog does not describe. An unknown name that
/// is one of these is a different architecture, not a typo: it gets no "did you mean" (Mixtral
/// is not a misspelt Mistral; following such a suggestion would build a dense model silently),
/// only what works instead.
enum KnownModelTypes {
  static let outsideCatalog: Set<String> = [
    "mixtral", "phi", "phi3", "phi4_multimodal", "qwen2_moe", "qwen2_5_vl", "qwen2_audio", "qwen3", "qwen3_moe",
    "qwen3_vl", "qwen3_vl_moe", "gemma2", "gemma3", "gemma3_text", "gemma3n", "paligemma", "idefics2", "idefics3",
    "smolvlm", "mllama", "llava_next", "llava_next_video", "llava_onevision", "internvl", "mistral3", "blip", "blip-2",
    "blip_2", "instructblip", "llama4", "llama4_text", "wav2vec2", "hubert", "deepseek_v2", "deepseek_v3", "gpt_neox",
    "gpt_neo", "gptj", "opt", "falcon", "bloom", "roberta", "xlm-roberta", "deberta", "deberta-v2", "distilbert",
    "electra", "albert", "bart", "mbart", "pegasus", "mt5", "longt5", "olmo", "olmo2", "olmoe", "granite",
    "granitemoe", "cohere", "cohere2", "starcoder2", "stablelm", "persimmon", "mamba", "mamba2", "jamba", "dbrx",
    "exaone", "glm", "glm4", "chatglm", "internlm2", "minicpm", "nemotron", "dinov2", "convnext", "swin",
    "segformer", "detr", "sam", "owlvit", "siglip2", "gpt_bigcode", "codegen", "mpt", "baichuan", "yi", "aya_vision",
    "pixtral", "molmo", "florence2", "kosmos-2", "git", "chameleon", "emu3", "janus", "moshi", "musicgen", "bark",
    "speecht5", "seamless_m4t", "clap", "xclip", "vivit", "videomae", "timesformer", "zamba", "zamba2", "bamba",
  ]

  /// What to say when `name` names an architecture the catalog does not describe.
  static func advice(for name: String) -> String? {
    guard outsideCatalog.contains(name.lowercased()) else { return nil }
    return "; \(name) is a transformers architecture the catalog does not describe (not a misspelling of one "
      + "it does): give --model a module list of the names transformers' named_modules() reports (a checkpoint "
      + "folder gives the checkpoint's own tensor names, which can differ from the runtime names PEFT matches)"
  }
}
