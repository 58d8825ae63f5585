"""Runs real PEFT injections on tiny transformers models and writes JSON oracle fixtures.

    python peft_results.py --out Tests/LoRATests/Fixtures/peft-oracle [--only CASE ...]

Every case in cases.CASES builds a tiny model on the CPU (models.TREE_MODELS), optionally
freezes parameter prefixes, calls ``get_peft_model(model, LoraConfig(**lora_config))``, runs
the optional steps (add_adapter, set_adapter, delete_adapter, requires_grad edits) and records
what PEFT did. See Scripts/peft-oracle/README.md for the output format.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import os
import re
import sys
import warnings

import peft
import torch
import transformers
from peft import LoraConfig, get_peft_model
from peft.tuners.tuners_utils import BaseTunerLayer
from peft.utils import get_peft_model_state_dict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases  # noqa: E402
import models  # noqa: E402

# Warnings that come from transformers' deprecations, not from PEFT's injection logic.
IGNORED_WARNINGS = (
    re.compile(r"^`is_gradient_checkpointing` is deprecated"),
)

CONFIG_KEYS = (
    "task_type",
    "r",
    "lora_alpha",
    "target_modules",
    "exclude_modules",
    "target_parameters",
    "modules_to_save",
    "layers_to_transform",
    "layers_pattern",
    "rank_pattern",
    "alpha_pattern",
    "fan_in_fan_out",
    "bias",
    "lora_bias",
    "use_rslora",
    "use_dora",
    "inference_mode",
)


def json_safe(value):
    """Sets -> sorted lists, tuples -> lists, dtypes/devices/other objects -> str."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        items = [json_safe(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if dataclasses.is_dataclass(value):
        return json_safe(dataclasses.asdict(value))
    return str(value)


def freeze(model: torch.nn.Module, prefixes: list[str]) -> None:
    for name, param in model.named_parameters():
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            param.requires_grad_(False)


def frozen_modules(model: torch.nn.Module) -> set[str]:
    """Names of modules that own parameters and whose own parameters are all frozen."""
    out = set()
    for name, module in model.named_modules():
        params = list(module.parameters(recurse=False))
        if params and not any(p.requires_grad for p in params):
            out.add(name)
    return out


def config_snapshot(config: LoraConfig) -> dict:
    data = config.to_dict()
    return {k: json_safe(data.get(k)) for k in CONFIG_KEYS}


def lora_layers(base: torch.nn.Module) -> list[dict]:
    layers = []
    for name, module in base.named_modules():
        if not isinstance(module, BaseTunerLayer):
            continue
        adapters = {}
        for adapter in sorted(getattr(module, "r", {}).keys()):
            adapters[adapter] = {
                "r": module.r.get(adapter),
                "lora_alpha": getattr(module, "lora_alpha", {}).get(adapter),
                "scaling": getattr(module, "scaling", {}).get(adapter),
            }
        own = {}
        for pname, p in module.named_parameters():
            if pname.startswith("base_layer."):
                continue
            own[pname] = list(p.shape)
        layers.append(
            {
                "name": name,
                "type": type(module).__module__.split(".")[-2] + "." + type(module).__name__
                if type(module).__module__.startswith("peft.tuners.")
                else type(module).__name__,
                "base_type": type(module.get_base_layer()).__name__,
                "fan_in_fan_out": getattr(module, "fan_in_fan_out", None),
                "adapters": adapters,
                "lora_params": own,
            }
        )
    return layers


def saved_keys(peft_model) -> dict:
    out = {}
    for adapter in sorted(peft_model.peft_config.keys()):
        state = get_peft_model_state_dict(peft_model, adapter_name=adapter)
        out[adapter] = {k: list(v.shape) for k, v in state.items()}
    return out


def run_step(peft_model, step: dict) -> None:
    op = step["op"]
    if op == "add_adapter":
        peft_model.add_adapter(step["name"], LoraConfig(**step["lora_config"]))
    elif op == "set_adapter":
        peft_model.set_adapter(step["name"])
    elif op == "delete_adapter":
        peft_model.delete_adapter(step["name"])
    elif op == "requires_grad":
        for name, param in peft_model.named_parameters():
            if step["contains"] in name:
                param.requires_grad_(step["value"])
    elif op == "disable_adapter_layers":
        peft_model.base_model.disable_adapter_layers()
    elif op == "merge_adapter":
        peft_model.merge_adapter(step.get("adapter_names"))
    else:
        raise KeyError(f"unknown step op {op!r}")


def error_record(exc: BaseException, stage: str) -> dict:
    return {"type": type(exc).__name__, "message": str(exc), "stage": stage, "is_value_error": isinstance(exc, ValueError)}


def attempt(fn):
    """Value of fn(), or {"error": {"type", "message"}} when PEFT raises (recorded as data)."""
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - the oracle records PEFT's failure
        return {"error": {"type": type(exc).__name__, "message": str(exc)}}


def warning_list(caught) -> list[dict]:
    out = []
    for w in caught:
        message = str(w.message)
        if any(p.search(message) for p in IGNORED_WARNINGS):
            continue
        out.append({"category": w.category.__name__, "message": message})
    return out


def run_case(case: dict) -> dict:
    model_key = case["model"]
    model_type, architecture, overrides = models.TREE_MODELS[model_key]
    record = {
        "name": case["name"],
        "description": case.get("description", ""),
        "model": {
            "fixture": model_key,
            "model_type": model_type,
            "architecture": architecture,
            "config": overrides,
            "freeze": case.get("freeze", []),
        },
        "lora_config": case["lora_config"],
    }
    steps = case.get("steps", [])
    if steps:
        record["steps"] = steps
        adapters = [{"name": case.get("adapter_name", "default"), "lora_config": case["lora_config"]}]
        adapters += [{"name": s["name"], "lora_config": s["lora_config"]} for s in steps if s["op"] == "add_adapter"]
        if len(adapters) > 1:
            record["adapters"] = adapters

    torch.manual_seed(0)
    model = models.build_model(model_type, architecture, overrides, device="cpu")
    freeze(model, case.get("freeze", []))
    frozen_before = frozen_modules(model)

    stdout = io.StringIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        stage = "LoraConfig"
        try:
            config = LoraConfig(**case["lora_config"])
            stage = "get_peft_model"
            kwargs = {}
            if "adapter_name" in case:
                kwargs["adapter_name"] = case["adapter_name"]
            peft_model = get_peft_model(model, config, **kwargs)
            for index, step in enumerate(steps):
                stage = f"steps[{index}] {step['op']}"
                run_step(peft_model, step)
        except Exception as exc:  # the oracle records PEFT's failure as data
            record["error"] = error_record(exc, stage)
            record["warnings"] = warning_list(caught)
            return record
        injection_warnings = warning_list(caught)
        caught.clear()
        stage = "status"
        base = peft_model.base_model.model
        adapted = [n for n, m in base.named_modules() if isinstance(m, BaseTunerLayer)]

        def summary_line():
            with contextlib.redirect_stdout(stdout):
                peft_model.print_trainable_parameters()
            return stdout.getvalue().rstrip("\n")

        counts = attempt(peft_model.get_nb_trainable_parameters)
        result = {
            "adapted": adapted,
            "adapted_frozen": [n for n in adapted if n in frozen_before],
            "trainable_params": counts[0] if isinstance(counts, tuple) else counts,
            "all_params": counts[1] if isinstance(counts, tuple) else counts,
            "summary": attempt(summary_line),
            "trainable_parameter_names": [n for n, p in peft_model.named_parameters() if p.requires_grad],
            "layer_status": attempt(lambda: [json_safe(dataclasses.asdict(s)) for s in peft_model.get_layer_status()]),
            "model_status": attempt(lambda: json_safe(dataclasses.asdict(peft_model.get_model_status()))),
            "targeted_module_names": list(peft_model.base_model.targeted_module_names),
            "targeted_parameter_names": list(getattr(peft_model.base_model, "targeted_parameter_names", [])),
            "active_adapter": json_safe(peft_model.active_adapter),
            "active_adapters": json_safe(attempt(lambda: list(peft_model.active_adapters))),
            "tuner_active_adapters": json_safe(peft_model.base_model.active_adapters),
            "effective_config": {a: config_snapshot(c) for a, c in sorted(peft_model.peft_config.items())},
            "lora_layers": lora_layers(base),
            "saved_keys": attempt(lambda: saved_keys(peft_model)),
        }
    result["warnings"] = injection_warnings
    result["status_warnings"] = warning_list(caught)
    record["result"] = result
    return record


def write_json(path: str, payload: dict) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, indent=1)
        handle.write("\n")
    os.replace(tmp, path)


FULL_SIZE_CASES = [
    {"name": "llama3-70b-all-linear-r16", "lora_config": {"r": 16, "lora_alpha": 32, "target_modules": "all-linear"},
     "description": "full-size Llama-3-70B on the meta device, all-linear r=16 (compact result)"},
    {"name": "llama3-70b-qv-r8", "lora_config": {"r": 8, "target_modules": ["q_proj", "v_proj"]},
     "description": "full-size Llama-3-70B on the meta device, q_proj/v_proj r=8 (compact result)"},
]


def run_full_size_case(case: dict) -> dict:
    """Full-size model on the meta device; a compact result (no per-layer lists beyond names)."""
    import time

    model_type, architecture, overrides = models.LLAMA3_70B
    model = models.build_model(model_type, architecture, overrides, device="meta")
    stdout = io.StringIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = time.perf_counter()
        peft_model = get_peft_model(model, LoraConfig(**case["lora_config"]), low_cpu_mem_usage=True)
        seconds = time.perf_counter() - start
        with contextlib.redirect_stdout(stdout):
            peft_model.print_trainable_parameters()
        trainable, total = peft_model.get_nb_trainable_parameters()
        statuses = peft_model.get_layer_status()
        model_status = json_safe(dataclasses.asdict(peft_model.get_model_status()))
    base = peft_model.base_model.model
    adapted = [n for n, m in base.named_modules() if isinstance(m, BaseTunerLayer)]
    record = {
        "name": case["name"],
        "description": case["description"],
        "model": {"fixture": "llama3-70b-counts", "model_type": model_type, "architecture": architecture,
                  "config": overrides, "freeze": [], "device": "meta"},
        "lora_config": case["lora_config"],
        "result": {
            "adapted_count": len(adapted),
            "adapted": adapted,
            "trainable_params": trainable,
            "all_params": total,
            "summary": stdout.getvalue().rstrip("\n"),
            "trainable_parameter_count": sum(1 for _, p in peft_model.named_parameters() if p.requires_grad),
            "layer_status_count": len(statuses),
            "layer_status_first": json_safe(dataclasses.asdict(statuses[0])),
            "model_status": model_status,
            "effective_config": {a: config_snapshot(c) for a, c in sorted(peft_model.peft_config.items())},
            "warnings": warning_list(caught),
        },
        "note": "built with get_peft_model(..., low_cpu_mem_usage=True) so no adapter weights are allocated",
    }
    return record, seconds


def index_row(record: dict) -> str:
    if "error" in record:
        outcome = f"error `{record['error']['type']}`"
    else:
        result = record["result"]
        outcome = f"{len(result['adapted'])} adapted, {result['trainable_params']:,} / {result['all_params']:,}"
        if result["warnings"]:
            outcome += f", {len(result['warnings'])} warning(s)"
    cell = record["description"].replace("|", "\\|")
    return f"| `{record['name']}` | {record['model']['fixture']} | {outcome} | {cell} |"


def write_index(path: str, rows: list[str], generator: dict) -> None:
    header = [
        "# PEFT oracle cases",
        "",
        "Generated by `Scripts/peft-oracle/peft_results.py` (cases in `Scripts/peft-oracle/cases.py`) with "
        f"peft {generator['peft']}, transformers {generator['transformers']}, torch {generator['torch']}.",
        "The format is described in `Scripts/peft-oracle/README.md`. Do not edit: regenerate.",
        "",
        "| case | model fixture | outcome (trainable / all) | what it pins down |",
        "| --- | --- | --- | --- |",
    ]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(header + rows) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    generator = {
        "peft": peft.__version__,
        "transformers": transformers.__version__,
        "torch": torch.__version__,
        "script": "Scripts/peft-oracle/peft_results.py",
    }
    names = [c["name"] for c in cases.CASES]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise SystemExit(f"duplicate case names: {sorted(duplicates)}")
    index_rows = []
    for case in cases.CASES:
        if args.only and case["name"] not in args.only:
            continue
        record = run_case(case)
        index_rows.append(index_row(record))
        record["generator"] = generator
        write_json(os.path.join(args.out, f"{case['name']}.json"), record)
        if "error" in record:
            print(f"{case['name']}: error {record['error']['type']}: {record['error']['message'][:100]}")
        else:
            r = record["result"]
            print(f"{case['name']}: {len(r['adapted'])} adapted, {r['summary']}, {len(r['warnings'])} warnings")
    for case in FULL_SIZE_CASES:
        if args.only and case["name"] not in args.only:
            continue
        record, seconds = run_full_size_case(case)
        record["generator"] = generator
        write_json(os.path.join(args.out, f"{case['name']}.json"), record)
        index_rows.append(index_row(record))
        print(f"{case['name']}: {record['result']['adapted_count']} adapted, {record['result']['summary']}, "
              f"get_peft_model {seconds:.2f} s")
    if not args.only:
        write_index(os.path.join(args.out, "INDEX.md"), index_rows, generator)
    return 0


if __name__ == "__main__":
    sys.exit(main())
