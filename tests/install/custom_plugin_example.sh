#!/usr/bin/env bash
# usage: custom_plugin_example.sh BUILD_DIR SOURCE_DIR [SANITIZERS]
# Installs the built propdesk into a scratch prefix, builds examples/custom_plugin (a plugin and a
# host program) against it through find_package(propdesk) alone, then loads the plugin twice: with
# the installed `propdesk plugins`, next to the installed shipped plugins, and with the example's
# host, which uses its rule and its notifier.
set -euo pipefail
build=$1
src=$2
source "$(dirname "$0")/install_support.sh"
install_scratch "$build" "${3:-}"
prefix=$work/prefix
configured=$(cmake -S "$src/examples/custom_plugin" -B "$work/build" -DCMAKE_PREFIX_PATH="$prefix" "${flags[@]}")
cmake --build "$work/build" -j2 >/dev/null
test -f "$work/build/estate_extras.so"

# The shipped plugins are installed where the package says (propdesk_PLUGIN_DIR).
plugin_dir=$(sed -n 's/^-- propdesk plugins: //p' <<<"$configured")
test -f "$plugin_dir/propdesk_notify_log.so"
test -f "$plugin_dir/propdesk_store_lmdb.so"

# 1. The installed CLI lists it with the shipped ones.
json=$("$prefix/bin/propdesk" plugins --plugin-dir "$plugin_dir" --plugin-dir "$work/build" --json)
echo "$json"
python3 - "$json" <<'PY'
import json, sys
out = json.loads(sys.argv[1])
loaded = {p["name"]: p for p in out["loaded"]}
assert set(loaded) == {"notify_log", "notify_webhook", "notify_email", "lmdb", "estate_extras"}, loaded.keys()
assert loaded["estate_extras"]["version"] == "1.0.0"
assert loaded["estate_extras"]["api"] == "1.1"
provides = {(p["kind"], p["name"]) for p in loaded["estate_extras"]["provides"]}
assert provides == {("escalation rule", "keywords"), ("notifier", "memo")}, provides
assert out["refused"] == [], out["refused"]
PY

# 2. The example host loads it through the installed library and uses what it provides.
out=$("$work/build/try_plugin" "$work/build" "$prefix/share/propdesk/workflows" "$work/memo.txt")
echo "$out"
grep -q "provides escalation rule 'keywords'" <<<"$out"
grep -q "severity: major (keyword '漏水' in description)" <<<"$out"
grep -q "delivery: delivered" <<<"$out"
grep -q "^li | 派工单 BX-20261126-0001 | 3-2-1201（plumbing）：厨房水管漏水。" "$work/memo.txt"
echo "1 passed, 0 failed"
