#!/usr/bin/env bash
# Screenshots of the generated documentation site with headless Chromium (Debian: apt-get install chromium).
# Not run in CI. Produces the README pictures.
#
# Usage: Scripts/screenshot/screenshot.sh [SITE_DIR] [OUT_DIR] [PAGE...]
#   SITE_DIR  the site from `lora-spec docs` (default Reports/site)
#   OUT_DIR   where the PNGs go (default docs/images)
#   PAGE      pages relative to SITE_DIR (default: index.html frozen-vision-tower.html)
# Each page is taken at desktop width (1280 px) and phone width (390 px): NAME.png, NAME-phone.png.
# Set CHROMIUM to another binary if needed. A sample site for trying the script:
#   LORA_SPEC_SAMPLE_SITE=/tmp/sample-site swift test --disable-xctest --filter SiteSampleTests
set -euo pipefail

site="${1:-Reports/site}"
out="${2:-docs/images}"
shift $(( $# > 2 ? 2 : $# ))
pages=("$@")
if [ ${#pages[@]} -eq 0 ]; then pages=(index.html frozen-vision-tower.html); fi

browser="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$browser" ]; then
  echo "error: Chromium not found; install it with 'sudo apt-get install chromium' or set CHROMIUM=/path" >&2
  exit 1
fi
if [ ! -f "$site/index.html" ]; then
  echo "error: $site/index.html not found; generate the site first with 'lora-spec docs --out $site'" >&2
  exit 1
fi
mkdir -p "$out"
site_abs="$(cd "$site" && pwd)"
out_abs="$(cd "$out" && pwd)"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

shoot() { # page width height file
  "$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$profile" --force-device-scale-factor=1 --window-size="$2,$3" \
    --screenshot="$4" "file://$site_abs/$1" >/dev/null 2>&1
  if [ ! -s "$4" ]; then echo "error: no screenshot written for $1" >&2; exit 1; fi
  echo "$4"
}

for page in "${pages[@]}"; do
  if [ ! -f "$site_abs/$page" ]; then echo "error: $site_abs/$page not found" >&2; exit 1; fi
  name="$(basename "${page%.html}")"
  shoot "$page" 1280 1400 "$out_abs/$name.png"
  shoot "$page" 390 1400 "$out_abs/$name-phone.png"
done
