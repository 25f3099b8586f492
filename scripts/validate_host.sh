#!/usr/bin/env bash
# Measures the host validation table of README "Validation against this machine": the STREAM
# bandwidths behind hw_configs/host.yaml, then hsim validate-host on each net (1 core, then 2
# cores with branches in parallel). Timings are wall-clock: run it on an otherwise idle machine
# (the script prints the load average before and after so a reader can tell).
# Usage: scripts/validate_host.sh [BUILD_DIR] [REPEAT]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
repeat=${2:-7}
hsim="$build/sim/cli/hsim"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$hsim" stream
for net in resnet50 mobilenet_v2 googlenet squeezenet1_1; do
  echo
  "$hsim" validate-host --net "models/$net.onnx" --hw hw_configs/host.yaml --repeat "$repeat" 2>/dev/null
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
