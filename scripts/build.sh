#!/usr/bin/env bash
# build.sh [release|asan] [targets...]: configures (once) and builds hsim into build/ or
# build-asan/ (AddressSanitizer + UndefinedBehaviorSanitizer).
set -euo pipefail
cd "$(dirname "$0")/.."

flavour=${1:-release}
shift || true
case "$flavour" in
  release) dir=build; flags=(-DCMAKE_BUILD_TYPE=Release) ;;
  asan) dir=build-asan; flags=(-DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" -DHSIM_SANITIZE=ON -DHSIM_BUILD_BENCHMARKS=OFF) ;;
  *) echo "build.sh: unknown flavour '$flavour' (release or asan)" >&2; exit 2 ;;
esac

if [[ ! -f "$dir/build.ninja" ]]; then
  cmake -S . -B "$dir" -G Ninja -DHSIM_WERROR=ON "${flags[@]}" >/dev/null
fi
cmake --build "$dir" -j "$(nproc)" ${1:+--target "$@"}
