#!/usr/bin/env bash
# The quick start's first command: installs what is missing, builds propdesk and runs the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPROPDESK_BUILD_TESTS=OFF -DPROPDESK_BUILD_BENCH=OFF >/dev/null
cmake --build build --target propdesk_cli -j"$(nproc)"
./build/src/propdesk demo "$@"
