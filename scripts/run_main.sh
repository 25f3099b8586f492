#!/usr/bin/env bash
# The main job on the shipped defaults, from a fresh machine: install, build, run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install_deps.sh
scripts/build.sh release hsim
./build/sim/cli/hsim --hw hw_configs/default.yaml --net models/resnet50.onnx "$@"
