#!/usr/bin/env bash
# search_gains.sh [EXTRA EXPLORE ARGS...]: runs `hsim explore` with ga, tune and random at their
# default budget on every shipped board x net and prints the README's gain table (ms; gain of
# the best search over the best baseline). Extra arguments go to every run (e.g. --jobs 2);
# HSIM names the binary (default ./build/sim/cli/hsim).
set -euo pipefail
cd "$(dirname "$0")/.."
hsim=${HSIM:-./build/sim/cli/hsim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The latency (ms) of the best row of summary.csv whose schedule name matches $2 (a regex).
best_ms() {
  awk -F, -v pattern="$2" 'NR > 1 && $2 ~ pattern { if (best == "" || $3 < best) best = $3 }
    END { if (best == "") print "-"; else printf "%.3f", best / 1e9 }' "$1"
}

echo "| board | net | best baseline | ga | tune | random | gain |"
echo "|---|---|---|---|---|---|---|"
for board in default rk3588 zcu102 c6678 c6678_cluster host; do
  for net in resnet50 resnet18 squeezenet1_1 mobilenet_v2 googlenet transformer_encoder; do
    declare -A ms=()
    baseline=""
    for strategy in ga tune random; do
      out="$work/${board}_${net}_${strategy}"
      "$hsim" explore --hw "hw_configs/$board.yaml" --net "models/$net.onnx" \
        --strategy "$strategy" --out "$out" "$@" >/dev/null 2>&1
      ms[$strategy]=$(best_ms "$out/summary.csv" "^$strategy #")
      baseline_row=$(awk -F, 'NR > 1 && $2 !~ /#/ { if (b == "" || $3 < b) { b = $3; n = $2 } }
        END { printf "%s %.3f", n, b / 1e9 }' "$out/summary.csv")
      baseline=${baseline:-$baseline_row}
    done
    best_search=$(printf '%s\n' "${ms[ga]}" "${ms[tune]}" | sort -g | head -1)
    gain=$(awk -v b="${baseline#* }" -v s="$best_search" 'BEGIN { printf "%.1f%%", 100 * (b / s - 1) }')
    echo "| $board | $net | ${baseline% *} ${baseline#* } | ${ms[ga]} | ${ms[tune]} | ${ms[random]} | $gain |"
  done
done
