#!/usr/bin/env bash
# baseline_figures.sh: runs the main job with the five baselines on every shipped board x net and
# prints the README's figure table (simulated latency in ms, best per row in bold; "-" where a
# strategy does not apply). HSIM names the binary (default ./build/sim/cli/hsim).
set -euo pipefail
cd "$(dirname "$0")/.."
hsim=${HSIM:-./build/sim/cli/hsim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strategies=(cpu cpu-all static heft partition-dp)

echo "| board | net | cpu | cpu-all | static | heft | partition-dp |"
echo "|---|---|---|---|---|---|---|"
for board in default rk3588 zcu102 c6678 c6678_cluster; do
  for net in resnet50 resnet18 squeezenet1_1 mobilenet_v2 googlenet transformer_encoder; do
    # One run per strategy: one that does not apply (cpu without a CPU) fails alone.
    for s in "${strategies[@]}"; do
      "$hsim" --hw "hw_configs/$board.yaml" --net "models/$net.onnx" --strategy "$s" \
        --out "$work/${board}_${net}_$s" >/dev/null 2>&1 || true
    done
    cat "$work/${board}_${net}"_*/summary.csv 2>/dev/null |
    awk -F, -v board="$board" -v net="$net" -v list="${strategies[*]}" '
      $1 != "rank" { ms[$2] = $3 / 1e9; if (best == "" || $3 < best) { best = $3; first = $2 } }
      END {
        n = split(list, names, " ")
        row = "| " board " | " net " |"
        for (i = 1; i <= n; ++i) {
          s = names[i]
          cell = (s in ms) ? sprintf("%.3f", ms[s]) : "-"
          if (s == first) cell = "**" cell "**"
          row = row " " cell " |"
        }
        print row
      }' 
  done
done
