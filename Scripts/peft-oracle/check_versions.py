"""Fails loudly when the running environment differs from the pinned oracle versions.

Usage: python check_versions.py requirements.txt
Only the first block of pins (torch, transformers, peft, safetensors, numpy) is checked:
those decide the fixture contents.
"""

import sys
from importlib.metadata import PackageNotFoundError, version

CHECKED = ("torch", "transformers", "peft", "safetensors", "numpy")


def main(path: str) -> int:
    wanted = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if "==" in line:
                name, pin = line.split("==", 1)
                wanted[name.strip().lower()] = pin.strip()
    bad = []
    for name in CHECKED:
        try:
            have = version(name)
        except PackageNotFoundError:
            have = "(missing)"
        if have != wanted.get(name):
            bad.append(f"{name}: want {wanted.get(name)}, have {have}")
    if bad:
        print("error: the oracle environment does not match " + path + ":\n  " + "\n  ".join(bad), file=sys.stderr)
        print("Fix: unset PEFT_ORACLE_VENV (a fresh venv is made) or reinstall the pins.", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
