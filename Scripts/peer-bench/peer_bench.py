#!/usr/bin/env python3
"""Times PyTorch's nn.Linear and PEFT's unmerged LoRA Linear on lora-spec bench's shapes.

Writes the same JSON as `lora-spec bench --save` (schema lora-spec-bench/1) with kernels
`torch-linear` and `peft-unmerged`, so `lora-spec bench --peer FILE` shows them side by side.

Needs torch (pin the CPU wheel: torch==2.13.0+cpu) and peft (0.21.2), e.g. in Scripts/peer-bench/.venv:
    Scripts/peer-bench/.venv/bin/python Scripts/peer-bench/peer_bench.py --out peer.json [--quick]

Shapes: M (tokens) in {1, 16, 128, 512}, d_in = d_out = 4096, LoRA r = 16 (alpha 32, no
dropout), both layers without bias (as the Swift rows). Each sample round times both layers
once (interleaved); each sample repeats a call until it lasts --min-sample-ms and divides.
"""

import argparse
import datetime
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time


def fingerprint(torch, peft):
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    os_name = platform.platform()
    try:
        with open("/etc/os-release", encoding="utf-8") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"') + f" (kernel {platform.release()})"
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = ""
    try:
        isa = torch.backends.cpu.get_cpu_capability()
    except AttributeError:
        isa = ""
    return {
        "cpu": cpu,
        "cores": os.cpu_count() or 0,
        "os": os_name,
        "swift": f"Python {platform.python_version()}, torch {torch.__version__}, peft {peft.__version__}",
        "configuration": "python",
        "commit": commit,
        "hostname": socket.gethostname(),
        "kernel_isa": f"torch {isa}, {torch.get_num_threads()} threads",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="JSON file to write")
    parser.add_argument("--quick", action="store_true", help="fewer, shorter samples")
    parser.add_argument("--tokens", default="1,16,128,512", help="token counts, comma separated")
    parser.add_argument("--features", type=int, default=4096, help="d_in = d_out")
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--samples", type=int, default=None)
    parser.add_argument("--min-sample-ms", type=float, default=None)
    args = parser.parse_args()

    try:
        import torch
        import peft
        from peft import LoraConfig, get_peft_model
    except ImportError as error:
        sys.exit(f"peer_bench.py needs torch and peft ({error}); run it with a Python that has them, e.g. Scripts/peer-bench/.venv/bin/python")

    samples = args.samples or (3 if args.quick else 9)
    min_ms = args.min_sample_ms or (5.0 if args.quick else 20.0)
    d, r = args.features, args.rank
    tokens = [int(t) for t in args.tokens.split(",") if t.strip()]
    torch.manual_seed(0)

    class Wrapper(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = torch.nn.Linear(d, d, bias=False)

    base = Wrapper().lin
    model = get_peft_model(
        Wrapper(), LoraConfig(r=r, lora_alpha=2 * r, target_modules=["lin"], lora_dropout=0.0, init_lora_weights="gaussian")
    )
    model.eval()
    lora_linear = model.base_model.model.lin
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    results = []
    with torch.inference_mode():
        for m in tokens:
            print(f"M = {m}, d = {d}, r = {r}", file=sys.stderr, flush=True)
            x = torch.randn(m, d)
            cases = [("torch-linear", None, base), ("peft-unmerged", r, lora_linear)]
            reps = []
            for _, _, layer in cases:  # warm-up and calibration
                layer(x)
                start = time.perf_counter()
                layer(x)
                elapsed = max((time.perf_counter() - start) * 1e3, 1e-3)
                reps.append(max(1, min(1000, int(min_ms / elapsed + 0.999))))
            taken = [[] for _ in cases]
            for round_index in range(samples):
                print(f"  round {round_index + 1}/{samples}", file=sys.stderr, flush=True)
                for offset in range(len(cases)):
                    i = (offset + round_index) % len(cases)
                    layer = cases[i][2]
                    start = time.perf_counter()
                    for _ in range(reps[i]):
                        layer(x)
                    taken[i].append((time.perf_counter() - start) * 1e3 / reps[i])
            for (kernel, rank, _), ms in zip(cases, taken):
                median = statistics.median(ms)
                flops = 2.0 * m * d * d + (4.0 * m * d * rank if rank else 0.0)
                row = {"kernel": kernel, "m": m, "n": d, "k": d, "samples_ms": ms, "median_ms": median,
                       "gflops": flops / (median * 1e6)}
                if rank:
                    row["r"] = rank
                results.append(row)
    report = {"schema": "lora-spec-bench/1", "date": date, "fingerprint": fingerprint(torch, peft), "results": results}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2, sort_keys=True)
        f.write("\n")
    for row in results:
        print(f"{row['kernel']:14} M={row['m']:4} {row['median_ms']:9.3f} ms {row['gflops']:7.1f} GFLOP/s")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
