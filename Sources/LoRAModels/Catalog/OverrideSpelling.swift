import ConfigValues
import LoRANumerics
import Support

/// Catches misspelt override keys (`num_hiden_layers`) for catalog models built by
/// name: a key the catalog does not read but that is one or two edits from one it
/// does is an error with a suggestion. Keys far from every structural key
/// (`rope_theta`, `rms_norm_eps`) are accepted and ignored, as transformers accepts them.
enum OverrideSpelling {
  /// Every key some architecture reads, plus keys transformers configs commonly carry.
  static let knownKeys: Set<String> = [
    "activation_function", "add_cross_attention", "architectures", "attention_bias", "classifier_proj_size", "d_ff",
    "d_kv", "d_model", "decoder_attention_heads", "decoder_ffn_dim", "decoder_layers", "depth", "embed_dim",
    "encoder_attention_heads", "encoder_ffn_dim", "encoder_layers", "encoder_stride", "feed_forward_proj", "head_dim",
    "hidden_act", "hidden_size", "id2label", "image_size", "in_channels", "intermediate_size", "is_decoder",
    "label2id", "max_position_embeddings", "max_source_positions", "max_target_positions", "mlp_bias", "mlp_ratio",
    "model_type", "multimodal_projector_bias", "n_embd", "n_head", "n_inner", "n_layer", "n_positions",
    "num_attention_heads", "num_channels", "num_decoder_layers", "num_heads", "num_hidden_layers",
    "num_key_value_heads", "num_labels", "num_layers", "num_mel_bins", "patch_size", "pooler_act",
    "pooler_output_size", "projection_dim", "projection_size", "projector_hidden_act", "qkv_bias",
    "relative_attention_num_buckets", "spatial_merge_size", "temporal_patch_size", "text_config",
    "tie_word_embeddings", "type_vocab_size", "use_weighted_layer_sum", "vision_config", "vision_feature_layer",
    "vision_use_head", "vocab_size",
  ]

  /// Throws for the first override key (nested objects included) that looks like a typo.
  static func check(_ overrides: ConfigObject, source: String, prefix: String = "") throws(ModelSourceError) {
    for key in overrides.keys.sorted() {
      let qualified = prefix.isEmpty ? key : prefix + "." + key
      if !knownKeys.contains(key), let close = closest(to: key) {
        var error = ModelSourceError(source: source, "unknown config key '\(qualified)'; \(ClosestName.phrase(close))")
        error.key = qualified
        throw error
      }
      if key == "text_config" || key == "vision_config", case .object(let nested)? = overrides[key] {
        try check(nested, source: source, prefix: qualified)
      }
    }
  }

  /// The known key this one is a plausible typo of, if any.
  static func closest(to key: String) -> String? {
    ClosestName.match(key, among: knownKeys)
  }
}
