"""Tiny model configurations shared by dump_trees.py and peft_results.py.

Every entry names a Hugging Face ``model_type``, the transformers class to build and the
config overrides passed to ``AutoConfig.for_model(model_type, **overrides)``. Nested
``text_config`` / ``vision_config`` dicts are passed through as dicts (transformers turns
them into sub-configs). Sizes are tiny so that the trees stay small and cheap.
"""

from __future__ import annotations

import contextlib
import copy
import io
import warnings

import torch
import transformers
from transformers import AutoConfig

# --- small building blocks -------------------------------------------------------------

LLAMA_TINY = {
    "vocab_size": 128,
    "hidden_size": 64,
    "intermediate_size": 128,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
    "max_position_embeddings": 128,
}

CLIP_VISION_TINY = {
    "model_type": "clip_vision_model",
    "hidden_size": 32,
    "intermediate_size": 64,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "image_size": 32,
    "patch_size": 8,
    "projection_dim": 16,
}

CLIP_TEXT_TINY = {
    "hidden_size": 32,
    "intermediate_size": 64,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "vocab_size": 128,
    "max_position_embeddings": 32,
    "projection_dim": 16,
    "bos_token_id": 0,
    "eos_token_id": 2,
    "pad_token_id": 1,
}

SIGLIP_TEXT_TINY = {
    "hidden_size": 32,
    "intermediate_size": 64,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "vocab_size": 128,
    "max_position_embeddings": 16,
    "bos_token_id": 0,
    "eos_token_id": 2,
    "pad_token_id": 1,
}

SIGLIP_VISION_TINY = {
    "hidden_size": 32,
    "intermediate_size": 64,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "image_size": 32,
    "patch_size": 8,
}

QWEN2VL_TEXT_TINY = {
    "vocab_size": 256,
    "hidden_size": 64,
    "intermediate_size": 128,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
    "max_position_embeddings": 128,
    "bos_token_id": 0,
    "eos_token_id": 1,
    "rope_parameters": {"rope_type": "default", "rope_theta": 10000.0, "mrope_section": [2, 3, 3]},
}

QWEN2VL_VISION_TINY = {
    "depth": 2,
    "embed_dim": 32,
    "hidden_size": 64,
    "num_heads": 4,
    "mlp_ratio": 2,
    "patch_size": 4,
    "spatial_merge_size": 2,
    "temporal_patch_size": 2,
}

WHISPER_TINY = {
    "vocab_size": 128,
    "num_mel_bins": 16,
    "d_model": 32,
    "encoder_layers": 2,
    "decoder_layers": 2,
    "encoder_attention_heads": 4,
    "decoder_attention_heads": 4,
    "encoder_ffn_dim": 64,
    "decoder_ffn_dim": 64,
    "max_source_positions": 32,
    "max_target_positions": 32,
    "pad_token_id": 1,
    "bos_token_id": 0,
    "eos_token_id": 2,
    "decoder_start_token_id": 0,
}

T5_TINY = {
    "vocab_size": 128,
    "d_model": 32,
    "d_kv": 8,
    "d_ff": 64,
    "num_layers": 2,
    "num_decoder_layers": 2,
    "num_heads": 4,
}


def merged(base: dict, **changes) -> dict:
    out = copy.deepcopy(base)
    out.update(changes)
    return out


# name -> (model_type, architecture class, overrides)
TREE_MODELS: dict[str, tuple[str, str, dict]] = {
    # decoder-only language models
    "llama-tiny": ("llama", "LlamaForCausalLM", merged(LLAMA_TINY)),
    "llama-tiny-tied": ("llama", "LlamaForCausalLM", merged(LLAMA_TINY, tie_word_embeddings=True)),
    "llama-tiny-3layers": ("llama", "LlamaForCausalLM", merged(LLAMA_TINY, num_hidden_layers=3)),
    "mistral-tiny": ("mistral", "MistralForCausalLM", merged(LLAMA_TINY)),
    "mistral-tiny-3layers": ("mistral", "MistralForCausalLM", merged(LLAMA_TINY, num_hidden_layers=3)),
    "qwen2-tiny": ("qwen2", "Qwen2ForCausalLM", merged(LLAMA_TINY)),
    "qwen2-tiny-tied": ("qwen2", "Qwen2ForCausalLM", merged(LLAMA_TINY, tie_word_embeddings=True)),
    "gemma-tiny": ("gemma", "GemmaForCausalLM", merged(LLAMA_TINY, head_dim=16)),
    "gemma-tiny-untied": (
        "gemma",
        "GemmaForCausalLM",
        merged(LLAMA_TINY, head_dim=16, tie_word_embeddings=False),
    ),
    "gpt2-tiny": (
        "gpt2",
        "GPT2LMHeadModel",
        {"vocab_size": 128, "n_positions": 64, "n_embd": 32, "n_layer": 2, "n_head": 4, "bos_token_id": 0, "eos_token_id": 0},
    ),
    "gpt2-tiny-3layers": (
        "gpt2",
        "GPT2LMHeadModel",
        {"vocab_size": 128, "n_positions": 64, "n_embd": 32, "n_layer": 3, "n_head": 4, "bos_token_id": 0, "eos_token_id": 0},
    ),
    # encoders
    "bert-tiny-seqcls": (
        "bert",
        "BertForSequenceClassification",
        {
            "vocab_size": 128,
            "hidden_size": 32,
            "num_hidden_layers": 2,
            "num_attention_heads": 4,
            "intermediate_size": 64,
            "max_position_embeddings": 64,
            "num_labels": 3,
        },
    ),
    "bert-tiny-base": (
        "bert",
        "BertModel",
        {
            "vocab_size": 128,
            "hidden_size": 32,
            "num_hidden_layers": 2,
            "num_attention_heads": 4,
            "intermediate_size": 64,
            "max_position_embeddings": 64,
        },
    ),
    "t5-tiny": ("t5", "T5ForConditionalGeneration", merged(T5_TINY)),
    "t5-tiny-gated": (
        "t5",
        "T5ForConditionalGeneration",
        merged(T5_TINY, feed_forward_proj="gated-gelu", num_decoder_layers=1, tie_word_embeddings=False),
    ),
    "vit-tiny-imgcls": (
        "vit",
        "ViTForImageClassification",
        {
            "hidden_size": 32,
            "num_hidden_layers": 2,
            "num_attention_heads": 4,
            "intermediate_size": 64,
            "image_size": 32,
            "patch_size": 8,
            "num_labels": 10,
        },
    ),
    "vit-tiny-base": (
        "vit",
        "ViTModel",
        {
            "hidden_size": 32,
            "num_hidden_layers": 2,
            "num_attention_heads": 4,
            "intermediate_size": 64,
            "image_size": 32,
            "patch_size": 8,
        },
    ),
    # dual encoders
    "clip-tiny": (
        "clip",
        "CLIPModel",
        {"projection_dim": 16, "text_config": merged(CLIP_TEXT_TINY), "vision_config": merged(CLIP_VISION_TINY)},
    ),
    "clip-tiny-3text": (
        "clip",
        "CLIPModel",
        {
            "projection_dim": 16,
            "text_config": merged(CLIP_TEXT_TINY, num_hidden_layers=3),
            "vision_config": merged(CLIP_VISION_TINY),
        },
    ),
    "siglip-tiny": (
        "siglip",
        "SiglipModel",
        {"text_config": merged(SIGLIP_TEXT_TINY), "vision_config": merged(SIGLIP_VISION_TINY)},
    ),
    "siglip-tiny-3vision": (
        "siglip",
        "SiglipModel",
        {"text_config": merged(SIGLIP_TEXT_TINY), "vision_config": merged(SIGLIP_VISION_TINY, num_hidden_layers=3)},
    ),
    # vision-language models
    "llava-tiny": (
        "llava",
        "LlavaForConditionalGeneration",
        {
            "text_config": merged(LLAMA_TINY, model_type="llama"),
            "vision_config": merged(CLIP_VISION_TINY),
            "image_token_index": 127,
        },
    ),
    "llava-tiny-tied": (
        "llava",
        "LlavaForConditionalGeneration",
        {
            "text_config": merged(LLAMA_TINY, model_type="llama"),
            "vision_config": merged(CLIP_VISION_TINY, num_hidden_layers=3),
            "image_token_index": 127,
            "tie_word_embeddings": True,
        },
    ),
    "qwen2_vl-tiny": (
        "qwen2_vl",
        "Qwen2VLForConditionalGeneration",
        {"text_config": merged(QWEN2VL_TEXT_TINY), "vision_config": merged(QWEN2VL_VISION_TINY)},
    ),
    "qwen2_vl-tiny-tied": (
        "qwen2_vl",
        "Qwen2VLForConditionalGeneration",
        {
            "text_config": merged(QWEN2VL_TEXT_TINY, num_hidden_layers=3),
            "vision_config": merged(QWEN2VL_VISION_TINY),
            "tie_word_embeddings": True,
        },
    ),
    # speech
    "whisper-tiny": ("whisper", "WhisperForConditionalGeneration", merged(WHISPER_TINY)),
    "whisper-tiny-asym": (
        "whisper",
        "WhisperForConditionalGeneration",
        merged(WHISPER_TINY, encoder_layers=3, decoder_layers=1),
    ),
}

LLAMA3_70B = (
    "llama",
    "LlamaForCausalLM",
    {
        "num_hidden_layers": 80,
        "hidden_size": 8192,
        "intermediate_size": 28672,
        "num_attention_heads": 64,
        "num_key_value_heads": 8,
        "vocab_size": 128256,
        "tie_word_embeddings": False,
    },
)


def make_config(model_type: str, overrides: dict):
    """AutoConfig.for_model with the overrides; transformers' own log chatter is swallowed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return AutoConfig.for_model(model_type, **copy.deepcopy(overrides))


def build_model(model_type: str, architecture: str, overrides: dict, device: str = "meta"):
    """Builds ``architecture`` from the config, on the meta device by default (no weights)."""
    config = make_config(model_type, overrides)
    cls = getattr(transformers, architecture)
    sink = io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stderr(sink):
        warnings.simplefilter("ignore")
        if device == "meta":
            with torch.device("meta"):
                model = cls(config)
        else:
            torch.manual_seed(0)
            model = cls(config)
    return model
