#!/usr/bin/env bash
# Installs the Debian packages hsim needs to build and test. Idempotent: when every package is
# already installed it only checks (about a second) and touches neither apt nor the network.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  libsystemc-dev libyaml-cpp-dev libfmt-dev libboost-graph-dev
  libonnx-dev libprotobuf-dev protobuf-compiler
  libcli11-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libdnnl-dev                 # oneDNN: ops run for real on the host (hsim profile, validate-host)
  chromium fonts-dejavu-core  # the HTML report's browser test and screenshots (headless)
  libopenmpi-dev openmpi-bin  # MPI: mpirun ... hsim sweep, hsim explore --islands (optional)
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install_deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "install_deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install_deps: done"
