"""Dumps transformers module trees as JSON fixtures for the LoRAModels catalog tests.

    python dump_trees.py --out Tests/LoRAModelsTests/Fixtures/transformers [--only NAME ...]

Each model in models.TREE_MODELS is built on the meta device (no weights allocated) from
``AutoConfig.for_model(model_type, **overrides)`` and written to ``<out>/<name>.json``:

    {"model_type", "architecture", "config": overrides, "root_type",
     "modules": [{"name", "type", "params": [{"name", "shape", "requires_grad"}]}],
     "total_params", "parameter_names", "tied": {alias: owner}}

plus ``llama3-70b-counts.json`` with only total_params and per-type counts for a full-size
Llama-3-70B config. Output is deterministic (sorted keys, fixed indentation).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys

import torch
import transformers

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402


def tied_parameters(model: torch.nn.Module) -> dict[str, str]:
    """alias full name -> owner full name, owner = first name named_parameters() yields."""
    owner_by_id: dict[int, str] = {}
    tied: dict[str, str] = {}
    for name, param in model.named_parameters(remove_duplicate=False):
        key = id(param)
        if key in owner_by_id:
            tied[name] = owner_by_id[key]
        else:
            owner_by_id[key] = name
    return tied


def module_entries(model: torch.nn.Module) -> list[dict]:
    entries = []
    for name, module in model.named_modules():
        params = [
            {"name": pname, "shape": list(p.shape), "requires_grad": bool(p.requires_grad)}
            for pname, p in module.named_parameters(recurse=False, remove_duplicate=False)
        ]
        entries.append({"name": name, "type": type(module).__name__, "params": params})
    return entries


def dump_tree(model_type: str, architecture: str, overrides: dict) -> dict:
    model = models.build_model(model_type, architecture, overrides)
    return {
        "model_type": model_type,
        "architecture": architecture,
        "config": overrides,
        "root_type": type(model).__name__,
        "modules": module_entries(model),
        "total_params": sum(p.numel() for p in model.parameters()),
        "parameter_names": [n for n, _ in model.named_parameters()],
        "tied": tied_parameters(model),
    }


def dump_counts(model_type: str, architecture: str, overrides: dict) -> dict:
    model = models.build_model(model_type, architecture, overrides)
    by_type = collections.Counter(type(m).__name__ for _, m in model.named_modules())
    linear_params = sum(
        p.numel() for _, m in model.named_modules() if isinstance(m, torch.nn.Linear) for p in m.parameters(recurse=False)
    )
    return {
        "model_type": model_type,
        "architecture": architecture,
        "config": overrides,
        "root_type": type(model).__name__,
        "total_params": sum(p.numel() for p in model.parameters()),
        "module_count": sum(by_type.values()),
        "modules_per_type": dict(sorted(by_type.items())),
        "parameter_count": len(list(model.named_parameters())),
        "linear_params": linear_params,
        "tied": tied_parameters(model),
    }


def write_json(path: str, payload: dict) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, indent=1, sort_keys=False)
        handle.write("\n")
    os.replace(tmp, path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    generator = {"transformers": transformers.__version__, "torch": torch.__version__, "script": "Scripts/peft-oracle/dump_trees.py"}
    for name, (model_type, architecture, overrides) in models.TREE_MODELS.items():
        if args.only and name not in args.only:
            continue
        payload = dump_tree(model_type, architecture, overrides)
        payload["generator"] = generator
        write_json(os.path.join(args.out, f"{name}.json"), payload)
        print(f"{name}: {len(payload['modules'])} modules, {payload['total_params']} params, tied {len(payload['tied'])}")
    if not args.only or "llama3-70b-counts" in args.only:
        payload = dump_counts(*models.LLAMA3_70B)
        payload["generator"] = generator
        write_json(os.path.join(args.out, "llama3-70b-counts.json"), payload)
        print(f"llama3-70b-counts: {payload['total_params']} params")
    return 0


if __name__ == "__main__":
    sys.exit(main())
