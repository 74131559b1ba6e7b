#!/usr/bin/env bash
# usage: embed_example.sh BUILD_DIR SOURCE_DIR [SANITIZERS]
# Installs the built propdesk into a scratch prefix, then configures, builds and runs examples/embed
# as an outside project would: only through find_package(propdesk).
set -euo pipefail
build=$1
src=$2
source "$(dirname "$0")/install_support.sh"
install_scratch "$build" "${3:-}"
cmake -S "$src/examples/embed" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" "${flags[@]}" >/dev/null
cmake --build "$work/build" -j2 >/dev/null
out=$("$work/build/embed" "$work/prefix/share/propdesk/workflows" "$work/desk.db")
echo "$out"
grep -q "created BX-" <<<"$out"
grep -q "complete before dispatch: wrong-state" <<<"$out"
grep -q "ended in closed" <<<"$out"
grep -q "journal verified" <<<"$out"
echo "1 passed, 0 failed"
