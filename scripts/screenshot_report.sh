#!/usr/bin/env bash
# screenshot_report.sh REPORT.html OUT.png [WIDTHxHEIGHT]: renders an hsim report.html in headless
# Chromium (Debian's `chromium`, installed by scripts/install_deps.sh) and saves a PNG of the top
# of the page, 1600x1200 unless given. For looking at a report without a desktop browser.
set -euo pipefail
if (($# < 2)); then
  echo "usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT]" >&2
  exit 2
fi
report=$(realpath "$1")
out=$(realpath -m "$2")
size=${3:-1600x1200}
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
  echo "screenshot_report: chromium not found (run scripts/install_deps.sh)" >&2
  exit 1
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size="${size/x/,}" --virtual-time-budget=5000 --screenshot="$out" \
  "file://$report" 2>/dev/null
echo "screenshot_report: wrote $out"
