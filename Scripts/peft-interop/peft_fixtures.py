#!/usr/bin/env python3
"""Interop fixtures between real PEFT and lora-spec (both directions).

  python peft_fixtures.py generate  [--out DIR]   # PEFT-saved adapters + base weights + inputs + PEFT outputs
  python peft_fixtures.py check     [--out DIR]   # load the lora-spec-saved adapter in PEFT, record the result
  python peft_fixtures.py check-init [--out DIR]  # load `lora-spec adapter init`'s output into a transformers Llama

DIR defaults to Tests/LoRATests/Fixtures/peft-interop. Needs torch==2.13.0+cpu, peft 0.21.x,
transformers and safetensors (a virtual environment, e.g. .venv/bin/python). Everything is seeded, so a
re-run reproduces the committed files (up to PEFT's README.md model card, which is not kept).

The architectures here are mirrored by Tests/LoRATests/CheckpointInteropTests.swift.
"""
import argparse
import json
import os
import sys

import peft
import torch
from peft import LoraConfig, PeftModel, get_peft_model
from safetensors.torch import load_file, save_file
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "..", "Tests", "LoRATests", "Fixtures", "peft-interop"))


def mlp():
    # Module names 0..5 as nn.Sequential gives them.
    return nn.Sequential(
        nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 8), nn.LayerNorm(8), nn.GELU(), nn.Linear(8, 3)
    )


def embedding_model():
    return nn.Sequential(nn.Embedding(10, 8), nn.Tanh(), nn.Linear(8, 4))


def conv1d_model():
    from transformers.pytorch_utils import Conv1D

    return nn.Sequential(Conv1D(5, 4))  # nf=5 (out), nx=4 (in): weight [4, 5]


def save_base(model, path):
    # Perturb LayerNorm affine parameters so they matter, then save the plain state dict.
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.LayerNorm):
                m.weight.add_(torch.randn_like(m.weight) * 0.1)
                m.bias.add_(torch.randn_like(m.bias) * 0.1)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, path)


def clean_adapter_dir(path):
    for root, _, files in os.walk(path):
        if "README.md" in files:
            os.remove(os.path.join(root, "README.md"))


def generate(out):
    # 1. MLP, two adapters: "default" (rank/alpha patterns, dropout ignored in eval) and "other".
    torch.manual_seed(0)
    d = os.path.join(out, "mlp")
    os.makedirs(d, exist_ok=True)
    base = mlp()
    save_base(base, os.path.join(d, "base.safetensors"))
    x = torch.randn(4, 6)
    base.eval()
    base_out = base(x).detach()
    cfg = LoraConfig(
        r=2, lora_alpha=4, target_modules=["0", "2", "5"], lora_dropout=0.1, init_lora_weights=False,
        rank_pattern={"2": 4}, alpha_pattern={"5": 2},
    )
    pm = get_peft_model(base, cfg)
    pm.add_adapter("other", LoraConfig(r=3, lora_alpha=6, target_modules=["2"], init_lora_weights=False))
    pm.eval()
    out_default = pm(x).detach()
    pm.base_model.set_adapter(["default", "other"])
    out_both = pm(x).detach()
    pm.base_model.set_adapter("default")
    pm.save_pretrained(os.path.join(d, "adapter"))
    clean_adapter_dir(os.path.join(d, "adapter"))
    merged = pm.merge_and_unload()
    out_merged = merged(x).detach()
    save_file(
        {"x": x, "base_output": base_out, "output_default": out_default, "output_default_and_other": out_both,
         "output_merged_default": out_merged},
        os.path.join(d, "io.safetensors"),
    )

    # 2. Embedding + Linear with rsLoRA.
    torch.manual_seed(1)
    d = os.path.join(out, "embedding")
    os.makedirs(d, exist_ok=True)
    base = embedding_model()
    save_base(base, os.path.join(d, "base.safetensors"))
    ids = torch.tensor([3, 0, 9, 3, 7], dtype=torch.int64)
    cfg = LoraConfig(r=4, lora_alpha=8, target_modules=["0", "2"], use_rslora=True, init_lora_weights=False)
    pm = get_peft_model(base, cfg)
    pm.eval()
    y = pm(ids).detach()
    pm.save_pretrained(os.path.join(d, "adapter"))
    clean_adapter_dir(os.path.join(d, "adapter"))
    save_file({"ids": ids, "output": y}, os.path.join(d, "io.safetensors"))

    # 3. transformers Conv1D (fan_in_fan_out).
    torch.manual_seed(2)
    d = os.path.join(out, "conv1d")
    os.makedirs(d, exist_ok=True)
    base = conv1d_model()
    save_base(base, os.path.join(d, "base.safetensors"))
    x = torch.randn(3, 4)
    cfg = LoraConfig(r=2, lora_alpha=2, target_modules=["0"], fan_in_fan_out=True, init_lora_weights=False)
    pm = get_peft_model(base, cfg)
    pm.eval()
    y = pm(x).detach()
    pm.save_pretrained(os.path.join(d, "adapter"))
    clean_adapter_dir(os.path.join(d, "adapter"))
    save_file({"x": x, "output": y}, os.path.join(d, "io.safetensors"))

    # 4. DoRA on two Linear layers: magnitude vectors saved as lora_magnitude_vector.
    torch.manual_seed(3)
    d = os.path.join(out, "dora")
    os.makedirs(d, exist_ok=True)
    base = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 3))
    save_base(base, os.path.join(d, "base.safetensors"))
    x = torch.randn(4, 6)
    cfg = LoraConfig(r=2, lora_alpha=4, target_modules=["0", "2"], use_dora=True, init_lora_weights=False)
    pm = get_peft_model(base, cfg)
    with torch.no_grad():  # move the magnitudes off their initial norms so they matter
        for name, p in pm.named_parameters():
            if "lora_magnitude_vector" in name:
                p.mul_(1 + 0.1 * torch.randn_like(p))
    pm.eval()
    y = pm(x).detach()
    pm.save_pretrained(os.path.join(d, "adapter"))
    clean_adapter_dir(os.path.join(d, "adapter"))
    merged = pm.merge_and_unload()
    save_file({"x": x, "output": y, "output_merged": merged(x).detach()}, os.path.join(d, "io.safetensors"))

    with open(os.path.join(out, "versions.json"), "w") as f:
        json.dump({"peft": peft.__version__, "torch": torch.__version__}, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"wrote PEFT fixtures to {out}")


def check(out):
    """Loads lora-spec-saved/ (written by the Swift test suite) in PEFT and records what happened."""
    d = os.path.join(out, "lora-spec-saved")
    if not os.path.isdir(d):
        sys.exit(f"{d} does not exist: run the Swift tests with LORA_SPEC_WRITE_INTEROP_FIXTURES=1 first")
    base = mlp()
    missing, unexpected = base.load_state_dict(load_file(os.path.join(d, "base.safetensors")), strict=True)
    io = load_file(os.path.join(d, "io.safetensors"))
    report = {"peft": peft.__version__, "torch": torch.__version__}
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pm = PeftModel.from_pretrained(base, os.path.join(d, "adapter"))
        pm.load_adapter(os.path.join(d, "adapter", "other"), adapter_name="other")
    report["load_warnings"] = sorted({str(w.message) for w in caught if "missing adapter keys" in str(w.message).lower()
                                      or "unexpected" in str(w.message).lower()})
    pm.eval()
    outputs = {}
    pm.set_adapter("default")
    outputs["peft_output_default"] = pm(io["x"]).detach()
    pm.set_adapter("other")
    outputs["peft_output_other"] = pm(io["x"]).detach()
    report["adapters"] = sorted(pm.peft_config.keys())
    report["r"] = {name: c.r for name, c in sorted(pm.peft_config.items())}
    report["lora_alpha"] = {name: c.lora_alpha for name, c in sorted(pm.peft_config.items())}
    # Keys and values PEFT would save again must be exactly the files lora-spec wrote, and
    # the config PEFT re-saves must equal lora-spec's (target_modules compared as sets).
    from peft.utils import get_peft_model_state_dict
    import tempfile

    report["state_dict_identical"] = {}
    report["config_identical"] = {}
    with tempfile.TemporaryDirectory() as tmp:
        pm.save_pretrained(tmp)
        for name, sub in (("default", ""), ("other", "other")):
            ours = load_file(os.path.join(d, "adapter", sub, "adapter_model.safetensors"))
            theirs = get_peft_model_state_dict(pm, adapter_name=name)
            report["state_dict_identical"][name] = sorted(ours) == sorted(theirs) and all(
                torch.equal(ours[k], theirs[k]) for k in ours)

            def load_cfg(path):
                with open(path) as f:
                    c = json.load(f)
                if isinstance(c.get("target_modules"), list):
                    c["target_modules"] = sorted(c["target_modules"])
                return c

            report["config_identical"][name] = load_cfg(
                os.path.join(d, "adapter", sub, "adapter_config.json")) == load_cfg(
                os.path.join(tmp, sub, "adapter_config.json"))
    report["max_abs_diff"] = {
        "default": float((outputs["peft_output_default"] - io["output_default"]).abs().max()),
        "other": float((outputs["peft_output_other"] - io["output_other"]).abs().max()),
    }
    report["outputs_match"] = all(v <= 1e-5 for v in report["max_abs_diff"].values())
    save_file(outputs, os.path.join(d, "peft-outputs.safetensors"))
    with open(os.path.join(d, "peft-check.json"), "w") as f:
        json.dump(report, f, indent=2, sort_keys=True)
        f.write("\n")
    print(json.dumps(report, indent=2, sort_keys=True))
    if (not report["outputs_match"] or report["load_warnings"] or not all(report["state_dict_identical"].values())
            or not all(report["config_identical"].values())):
        sys.exit("PEFT does not reproduce lora-spec's outputs")


def check_init(out):
    """Loads adapter-init/adapter (written by `lora-spec adapter init --model config.json --config lora.json`)
    into transformers' model for config.json and compares with what get_peft_model builds for lora.json."""
    from peft.utils import get_peft_model_state_dict
    from transformers import AutoConfig, AutoModelForCausalLM

    d = os.path.join(out, "adapter-init")
    config = AutoConfig.from_pretrained(d)
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(config)
    pm = PeftModel.from_pretrained(model, os.path.join(d, "adapter"))
    ours = load_file(os.path.join(d, "adapter", "adapter_model.safetensors"))
    # save_embedding_layers=False: lora-spec writes only adapter tensors (no full embedding copies)
    loaded = get_peft_model_state_dict(pm, save_embedding_layers=False)
    report = {"peft": peft.__version__, "torch": torch.__version__}
    report["loaded_keys_identical"] = sorted(ours) == sorted(loaded)
    report["loaded_values_identical"] = report["loaded_keys_identical"] and all(
        torch.equal(ours[k], loaded[k]) for k in ours)
    with open(os.path.join(d, "lora.json")) as f:
        lora = json.load(f)
    fresh = get_peft_model(AutoModelForCausalLM.from_config(config), LoraConfig(**lora))
    expected = get_peft_model_state_dict(fresh, save_embedding_layers=False)
    report["same_keys_and_shapes_as_get_peft_model"] = {k: list(v.shape) for k, v in ours.items()} == {
        k: list(v.shape) for k, v in expected.items()}
    trainable, total = fresh.get_nb_trainable_parameters()
    report["get_peft_model_trainable_parameters"] = trainable
    report["adapter_parameters"] = sum(v.numel() for v in ours.values())
    with open(os.path.join(d, "peft-check.json"), "w") as f:
        json.dump(report, f, indent=2, sort_keys=True)
        f.write("\n")
    print(json.dumps(report, indent=2, sort_keys=True))
    if not (report["loaded_values_identical"] and report["same_keys_and_shapes_as_get_peft_model"]):
        sys.exit("PEFT does not load lora-spec's adapter init output as written")


def main():
    # target_modules is a Python set: fix the hash seed so saved configs list it in a stable order.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, "PYTHONHASHSEED": "0"})
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["generate", "check", "check-init"])
    parser.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args()
    torch.set_num_threads(1)
    {"generate": generate, "check": check, "check-init": check_init}[args.command](args.out)


if __name__ == "__main__":
    main()
