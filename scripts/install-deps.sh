#!/usr/bin/env bash
# Installs the Debian 12 packages propdesk needs to build, test and benchmark. Idempotent: when
# everything is present it only checks and returns at once.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libyaml-cpp-dev libboost-dev libboost-graph-dev libsqlitecpp-dev libsqlite3-dev sqlite3
  libssl-dev libcli11-dev nlohmann-json3-dev libcurl4-openssl-dev liblmdb-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-yaml python3-jsonschema python3-aiosmtpd graphviz
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "propdesk: installing ${missing[*]}" >&2
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
