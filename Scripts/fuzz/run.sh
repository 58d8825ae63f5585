#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser that reads outside input (libFuzzer + AddressSanitizer).
#   Scripts/fuzz/run.sh SECONDS [TARGET...]    (targets: see `lora-spec-fuzz`; default all)
#   FUZZ_RUNS=N Scripts/fuzz/run.sh 0 ...      (N inputs per target from seed 1: repeatable, as CI runs it)
# Builds `lora-spec-fuzz` with -sanitize=fuzzer,address into .build-fuzz, seeds each target's corpus
# from the repository's fixtures, runs each target for SECONDS, prints executions per target and
# exits non-zero when a target crashed, leaked, ran out of memory or hung (>10 s on one input).
# A crash leaves its input in Reports/fuzz/; replay it with `swift run lora-spec-fuzz TARGET FILE`
# and add it to Tests/FuzzRegressionTests/Inputs/TARGET/ so it stays a regression test.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(safetensors-header config-json module-list adapter-config spec-markdown junit)
fi

swift build -c release --product lora-spec-fuzz --scratch-path .build-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING
binary=".build-fuzz/release/lora-spec-fuzz"

seeds_for() {
  case "$1" in
    safetensors-header) echo "Tests/LoRAModelsTests/Fixtures Tests/LoRATests/Fixtures/peft-interop" ;;
    config-json) echo "Tests/LoRAModelsTests/Fixtures/hub" ;;
    module-list) echo "Tests/LoRAModelsTests/Fixtures" ;;
    adapter-config) echo "Tests/LoRATests/Fixtures/peft-interop" ;;
    spec-markdown) echo "Specs" ;;
    junit) echo "Sources/Reporters/JUnit" ;;
  esac
}

mkdir -p Reports/fuzz
limit=(-max_total_time="$seconds")
if [ -n "${FUZZ_RUNS:-}" ]; then limit=(-runs="$FUZZ_RUNS" -seed=1); fi
status=0
for target in "${targets[@]}"; do
  corpus=".build-fuzz/corpus/$target"
  mkdir -p "$corpus" "Tests/FuzzRegressionTests/Inputs/$target"
  # shellcheck disable=SC2046
  set +e
  # -detect_leaks=0: Swift initialises globals lazily and keeps them for good, which LeakSanitizer
  # reports as leaks on the first input that touches them.
  ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" LORA_SPEC_FUZZ_TARGET="$target" "$binary" "${limit[@]}" -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="Reports/fuzz/$target-" \
    "$corpus" "Tests/FuzzRegressionTests/Inputs/$target" $(seeds_for "$target") > "Reports/fuzz/$target.log" 2>&1
  code=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "Reports/fuzz/$target.log" | grep -o '[0-9]*$' || echo "?")
  if [ "$code" -eq 0 ]; then
    echo "fuzz $target: $runs executions, no crash"
  else
    echo "fuzz $target: FAILED (exit $code) after $runs executions; see Reports/fuzz/$target.log" >&2
    tail -20 "Reports/fuzz/$target.log" >&2
    status=1
  fi
done
exit "$status"
