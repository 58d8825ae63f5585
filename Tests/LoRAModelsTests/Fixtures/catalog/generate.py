"""Regenerates the catalog variant fixtures (structure of transformers models).

    /path/to/venv/bin/python generate.py        # needs torch + transformers 5.24

Complements Fixtures/transformers/ (the oracle's two configs per architecture) with the
config switches and task heads the catalog also models: biases, explicit head_dim,
classification / QA / MLM heads, base models, CLIP/SigLIP sub-models, LLaVA with a SigLIP
tower or a multi-layer feature projector, Whisper heads. Same JSON format as
Fixtures/transformers/<name>.json. `defaults-<model_type>.json` holds only counts for
each model_type's full-size transformers default config (no overrides).
Models are built on the meta device: no weights are allocated.
"""

import collections
import contextlib
import copy
import io
import json
import os
import warnings

import torch
import transformers
from transformers import AutoConfig

LLAMA = {"vocab_size": 128, "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2,
         "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 128}
BERT = {"vocab_size": 128, "hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4,
        "intermediate_size": 64, "max_position_embeddings": 64}
GPT2 = {"vocab_size": 128, "n_positions": 64, "n_embd": 32, "n_layer": 2, "n_head": 4, "bos_token_id": 0, "eos_token_id": 0}
T5 = {"vocab_size": 128, "d_model": 32, "d_kv": 8, "d_ff": 64, "num_layers": 2, "num_decoder_layers": 2, "num_heads": 4}
VIT = {"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4, "intermediate_size": 64,
       "image_size": 32, "patch_size": 8}
CLIP_TEXT = {"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4,
             "vocab_size": 128, "max_position_embeddings": 32, "projection_dim": 16,
             "bos_token_id": 0, "eos_token_id": 2, "pad_token_id": 1}
CLIP_VISION = {"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4,
               "image_size": 32, "patch_size": 8, "projection_dim": 16}
SIGLIP_TEXT = {"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4,
               "vocab_size": 128, "max_position_embeddings": 16, "bos_token_id": 0, "eos_token_id": 2, "pad_token_id": 1}
SIGLIP_VISION = {"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4,
                 "image_size": 32, "patch_size": 8}
QWEN2VL_TEXT = {"vocab_size": 256, "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2,
                "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 128,
                "bos_token_id": 0, "eos_token_id": 1,
                "rope_parameters": {"rope_type": "default", "rope_theta": 10000.0, "mrope_section": [2, 3, 3]}}
QWEN2VL_VISION = {"depth": 2, "embed_dim": 32, "hidden_size": 64, "num_heads": 4, "mlp_ratio": 2,
                  "patch_size": 4, "spatial_merge_size": 2, "temporal_patch_size": 2}
WHISPER = {"vocab_size": 128, "num_mel_bins": 16, "d_model": 32, "encoder_layers": 2, "decoder_layers": 2,
           "encoder_attention_heads": 4, "decoder_attention_heads": 4, "encoder_ffn_dim": 64, "decoder_ffn_dim": 64,
           "max_source_positions": 32, "max_target_positions": 32, "pad_token_id": 1, "bos_token_id": 0,
           "eos_token_id": 2, "decoder_start_token_id": 0}


def m(base, **changes):
    out = copy.deepcopy(base)
    out.update(changes)
    return out


VARIANTS = {
    "llama-bias-headdim": ("llama", "LlamaForCausalLM", m(LLAMA, attention_bias=True, mlp_bias=True, head_dim=8)),
    "llama-base": ("llama", "LlamaModel", m(LLAMA)),
    "llama-seqcls": ("llama", "LlamaForSequenceClassification", m(LLAMA, num_labels=3)),
    "llama-tokcls": ("llama", "LlamaForTokenClassification", m(LLAMA, num_labels=5)),
    "llama-qa": ("llama", "LlamaForQuestionAnswering", m(LLAMA)),
    "llama-mha": ("llama", "LlamaForCausalLM", m(LLAMA, num_key_value_heads=None)),
    "mistral-headdim": ("mistral", "MistralForCausalLM", m(LLAMA, head_dim=32)),
    "mistral-seqcls": ("mistral", "MistralForSequenceClassification", m(LLAMA)),
    "qwen2-seqcls": ("qwen2", "Qwen2ForSequenceClassification", m(LLAMA, id2label={"0": "a", "1": "b", "2": "c", "3": "d"})),
    "qwen2-base": ("qwen2", "Qwen2Model", m(LLAMA)),
    "gemma-base": ("gemma", "GemmaModel", m(LLAMA, head_dim=16)),
    "gemma-seqcls": ("gemma", "GemmaForSequenceClassification", m(LLAMA, head_dim=16, attention_bias=True)),
    "gpt2-inner-relu": ("gpt2", "GPT2LMHeadModel", m(GPT2, n_inner=48, activation_function="relu")),
    "gpt2-untied": ("gpt2", "GPT2LMHeadModel", m(GPT2, tie_word_embeddings=False)),
    "gpt2-base": ("gpt2", "GPT2Model", m(GPT2)),
    "gpt2-seqcls": ("gpt2", "GPT2ForSequenceClassification", m(GPT2, num_labels=4)),
    "gpt2-tokcls": ("gpt2", "GPT2ForTokenClassification", m(GPT2)),
    "gpt2-qa": ("gpt2", "GPT2ForQuestionAnswering", m(GPT2)),
    "gpt2-crossattn": ("gpt2", "GPT2LMHeadModel", m(GPT2, add_cross_attention=True)),
    "bert-mlm": ("bert", "BertForMaskedLM", m(BERT)),
    "bert-mlm-untied": ("bert", "BertForMaskedLM", m(BERT, tie_word_embeddings=False)),
    "bert-tokcls": ("bert", "BertForTokenClassification", m(BERT, num_labels=7)),
    "bert-qa": ("bert", "BertForQuestionAnswering", m(BERT)),
    "bert-pretraining": ("bert", "BertForPreTraining", m(BERT, type_vocab_size=3)),
    "bert-multiplechoice": ("bert", "BertForMultipleChoice", m(BERT)),
    "bert-nsp": ("bert", "BertForNextSentencePrediction", m(BERT)),
    "bert-lmhead": ("bert", "BertLMHeadModel", m(BERT, is_decoder=True)),
    "bert-decoder-crossattn": ("bert", "BertModel", m(BERT, is_decoder=True, add_cross_attention=True)),
    "t5-model": ("t5", "T5Model", m(T5)),
    "t5-encoder": ("t5", "T5EncoderModel", m(T5, feed_forward_proj="gated-gelu")),
    "t5-seqcls": ("t5", "T5ForSequenceClassification", m(T5, num_labels=3)),
    "t5-tokcls": ("t5", "T5ForTokenClassification", m(T5)),
    "t5-qa": ("t5", "T5ForQuestionAnswering", m(T5)),
    "t5-untied": ("t5", "T5ForConditionalGeneration", m(T5, tie_word_embeddings=False, relative_attention_num_buckets=16)),
    "vit-noqkvbias-1ch": ("vit", "ViTForImageClassification", m(VIT, qkv_bias=False, num_channels=1, num_labels=3)),
    "vit-mim": ("vit", "ViTForMaskedImageModeling", m(VIT, encoder_stride=8)),
    "vit-pooler-size": ("vit", "ViTModel", m(VIT, pooler_output_size=24, pooler_act="relu")),
    "clip-text": ("clip_text_model", "CLIPTextModel", m(CLIP_TEXT)),
    "clip-vision": ("clip_vision_model", "CLIPVisionModel", m(CLIP_VISION)),
    "clip-textproj": ("clip_text_model", "CLIPTextModelWithProjection", m(CLIP_TEXT)),
    "clip-visionproj": ("clip_vision_model", "CLIPVisionModelWithProjection", m(CLIP_VISION)),
    "clip-imgcls": ("clip", "CLIPForImageClassification",
                    {"projection_dim": 16, "text_config": m(CLIP_TEXT), "vision_config": m(CLIP_VISION), "num_labels": 3}),
    "siglip-vision-nohead": ("siglip_vision_model", "SiglipVisionModel", m(SIGLIP_VISION, vision_use_head=False)),
    "siglip-text": ("siglip_text_model", "SiglipTextModel", m(SIGLIP_TEXT, projection_size=24)),
    "siglip-imgcls": ("siglip", "SiglipForImageClassification",
                      {"text_config": m(SIGLIP_TEXT), "vision_config": m(SIGLIP_VISION), "num_labels": 3}),
    "llava-siglip-mistral": ("llava", "LlavaForConditionalGeneration",
                             {"text_config": m(LLAMA, model_type="mistral"),
                              "vision_config": m(SIGLIP_VISION, model_type="siglip_vision_model"),
                              "image_token_index": 127, "multimodal_projector_bias": False}),
    "llava-multilayer": ("llava", "LlavaForConditionalGeneration",
                         {"text_config": m(LLAMA, model_type="qwen2"),
                          "vision_config": m(CLIP_VISION, model_type="clip_vision_model"),
                          "image_token_index": 127, "vision_feature_layer": [-2, -1], "projector_hidden_act": "silu"}),
    "llava-base": ("llava", "LlavaModel",
                   {"text_config": m(LLAMA, model_type="llama"), "vision_config": m(CLIP_VISION, model_type="clip_vision_model"),
                    "image_token_index": 127}),
    "llava-gemma-text": ("llava", "LlavaForConditionalGeneration",
                         {"text_config": m(LLAMA, model_type="gemma", head_dim=16),
                          "vision_config": m(CLIP_VISION, model_type="clip_vision_model"), "image_token_index": 127}),
    "qwen2_vl-base": ("qwen2_vl", "Qwen2VLModel", {"text_config": m(QWEN2VL_TEXT), "vision_config": m(QWEN2VL_VISION, in_channels=1)}),
    "whisper-model": ("whisper", "WhisperModel", m(WHISPER)),
    "whisper-untied": ("whisper", "WhisperForConditionalGeneration", m(WHISPER, tie_word_embeddings=False)),
    "whisper-audiocls": ("whisper", "WhisperForAudioClassification", m(WHISPER, num_labels=4, classifier_proj_size=12)),
    "whisper-causallm": ("whisper", "WhisperForCausalLM", m(WHISPER)),
    "vit-rectangular": ("vit", "ViTForImageClassification", m(VIT, image_size=[32, 16], patch_size=[8, 4])),
    "gemma-legacy-gelu": ("gemma", "GemmaForCausalLM", m(LLAMA, head_dim=16, hidden_act="gelu")),
    "qwen2_vl-flat": ("qwen2_vl", "Qwen2VLForConditionalGeneration",
                      {k: v for k, v in QWEN2VL_TEXT.items() if k != "rope_parameters"}
                      | {"vision_config": m(QWEN2VL_VISION), "tie_word_embeddings": True}),
    "bert-zero-labels": ("bert", "BertForSequenceClassification", m(BERT, num_labels=1)),
    "vit-no-labels": ("vit", "ViTForImageClassification", m(VIT, num_labels=0)),
    "mistral-tokcls": ("mistral", "MistralForTokenClassification", m(LLAMA, num_labels=3)),
    "mistral-qa": ("mistral", "MistralForQuestionAnswering", m(LLAMA)),
    "qwen2-tokcls": ("qwen2", "Qwen2ForTokenClassification", m(LLAMA)),
    "qwen2-qa": ("qwen2", "Qwen2ForQuestionAnswering", m(LLAMA, tie_word_embeddings=True)),
    "gemma-tokcls": ("gemma", "GemmaForTokenClassification", m(LLAMA, head_dim=16)),
    "siglip-vision-head": ("siglip_vision_model", "SiglipVisionModel", m(SIGLIP_VISION, num_attention_heads=2)),
    "qwen2_vl-text": ("qwen2_vl_text", "Qwen2VLTextModel", m(QWEN2VL_TEXT)),
    "whisper-audiocls-weighted": ("whisper", "WhisperForAudioClassification", m(WHISPER, use_weighted_layer_sum=True)),
}

DEFAULTS = {
    "llama": "LlamaForCausalLM", "mistral": "MistralForCausalLM", "qwen2": "Qwen2ForCausalLM",
    "gemma": "GemmaForCausalLM", "gpt2": "GPT2LMHeadModel", "bert": "BertForSequenceClassification",
    "t5": "T5ForConditionalGeneration", "vit": "ViTForImageClassification", "clip": "CLIPModel",
    "siglip": "SiglipModel", "llava": "LlavaForConditionalGeneration",
    "qwen2_vl": "Qwen2VLForConditionalGeneration", "whisper": "WhisperForConditionalGeneration",
}


def build(model_type, architecture, overrides):
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        config = AutoConfig.for_model(model_type, **copy.deepcopy(overrides))
        with torch.device("meta"):
            return getattr(transformers, architecture)(config)


def tied(model):
    owner, out = {}, {}
    for name, p in model.named_parameters(remove_duplicate=False):
        if id(p) in owner:
            out[name] = owner[id(p)]
        else:
            owner[id(p)] = name
    return out


def tree(model_type, architecture, overrides):
    model = build(model_type, architecture, overrides)
    modules = [{"name": n, "type": type(mod).__name__,
                "params": [{"name": pn, "shape": list(p.shape), "requires_grad": bool(p.requires_grad)}
                           for pn, p in mod.named_parameters(recurse=False, remove_duplicate=False)]}
               for n, mod in model.named_modules()]
    return {"model_type": model_type, "architecture": architecture, "config": overrides,
            "root_type": type(model).__name__, "modules": modules,
            "total_params": sum(p.numel() for p in model.parameters()),
            "parameter_names": [n for n, _ in model.named_parameters()], "tied": tied(model)}


def counts(model_type, architecture):
    model = build(model_type, architecture, {})
    by_type = collections.Counter(type(mod).__name__ for _, mod in model.named_modules())
    return {"model_type": model_type, "architecture": architecture, "config": {},
            "root_type": type(model).__name__, "total_params": sum(p.numel() for p in model.parameters()),
            "module_count": sum(by_type.values()), "modules_per_type": dict(sorted(by_type.items())),
            "parameter_count": len(list(model.named_parameters())), "tied": tied(model)}


def write(name, payload):
    payload["generator"] = {"transformers": transformers.__version__, "torch": torch.__version__,
                            "script": "Tests/LoRAModelsTests/Fixtures/catalog/generate.py"}
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), name + ".json"), "w") as f:
        json.dump(payload, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    for name, spec in VARIANTS.items():
        try:
            payload = tree(*spec)
        except Exception as error:  # report and go on: a variant transformers rejects is a finding
            print(f"{name}: FAILED {type(error).__name__}: {error}")
            continue
        write(name, payload)
        print(f"{name}: {len(payload['modules'])} modules, {payload['total_params']} params")
    for model_type, architecture in DEFAULTS.items():
        payload = counts(model_type, architecture)
        write(f"defaults-{model_type}", payload)
        print(f"defaults-{model_type}: {payload['total_params']} params, {payload['module_count']} modules")
