#!/usr/bin/env bash
# Regenerates the PEFT/transformers oracle fixtures.
#
#   Scripts/peft-oracle/regenerate.sh [trees|peft|all]     (default: all)
#
# Python environment: if PEFT_ORACLE_VENV names a virtual environment that already has
# the pinned packages, it is used as is. Otherwise a throwaway one is created at
# Scripts/peft-oracle/.venv (ignored by git) and requirements.txt is installed into it.
# Needs python3 (>= 3.10) with the venv module and access to a package index (or a wheel
# folder in PIP_FIND_LINKS) for the pinned CPU torch build. No GPU, no network access
# at run time (models are built from configs on the meta device / CPU, never downloaded).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
what="${1:-all}"

venv="${PEFT_ORACLE_VENV:-}"
if [ -z "$venv" ]; then
  venv="$here/.venv"
  if [ ! -x "$venv/bin/python" ]; then
    echo "creating throwaway venv at $venv" >&2
    python3 -m venv "$venv"
  fi
  if ! "$venv/bin/python" -c 'import torch, transformers, peft' 2>/dev/null; then
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet -r "$here/requirements.txt"
  fi
fi
py="$venv/bin/python"
if [ ! -x "$py" ]; then
  echo "error: $py not found (PEFT_ORACLE_VENV=$venv); unset it to create a throwaway venv" >&2
  exit 2
fi
"$py" "$here/check_versions.py" "$here/requirements.txt"

export PYTHONHASHSEED=0 TOKENIZERS_PARALLELISM=false HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
case "$what" in
  trees) "$py" "$here/dump_trees.py" --out "$repo/Tests/LoRAModelsTests/Fixtures/transformers" ;;
  peft)  "$py" "$here/peft_results.py" --out "$repo/Tests/LoRATests/Fixtures/peft-oracle" ;;
  all)
    "$py" "$here/dump_trees.py" --out "$repo/Tests/LoRAModelsTests/Fixtures/transformers"
    "$py" "$here/peft_results.py" --out "$repo/Tests/LoRATests/Fixtures/peft-oracle"
    ;;
  *) echo "usage: $0 [trees|peft|all]" >&2; exit 2 ;;
esac
