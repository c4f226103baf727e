#!/usr/bin/env bash
# `make run`: starts the built tokenburner with the given arguments (the wizard by default).
#
# With a physical PC/SC reader it talks to the system pcscd (started here if it is installed
# but not running). Without one it runs a demo: a private pcscd with the vpcd virtual reader
# (scripts/pcscd-sandbox.sh) and a simulated Token2 token, both stopped again on exit, in a
# new private directory (mktemp -d, mode 0700: scripts/private-dir.sh) removed on exit.
# TOKENBURNER_RUN_DEMO=1 runs the demo even when a reader is there (and leaves the system pcscd
# alone); TOKENBURNER_BIN picks the binary (default .build/debug/tokenburner).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=private-dir.sh
source scripts/private-dir.sh
bin=${TOKENBURNER_BIN:-.build/debug/tokenburner}
force_demo=${TOKENBURNER_RUN_DEMO:-0}
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)

# The system pcscd, for real readers.
if [[ $force_demo != 1 && ! -S /run/pcscd/pcscd.comm ]] && command -v pcscd >/dev/null; then
  if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
    "${sudo[@]}" systemctl start pcscd.socket >/dev/null 2>&1 || true
  else
    "${sudo[@]}" pcscd >/dev/null 2>&1 || true
    for _ in $(seq 30); do [[ -S /run/pcscd/pcscd.comm ]] && break; sleep 0.1; done
  fi
fi

physical_readers() {
  "$bin" readers --json 2>/dev/null | jq -r '.readers[]?.name' | grep -v '^Virtual PCD' || true
}

if [[ $force_demo != 1 && -n $(physical_readers) ]]; then
  exec "$bin" "$@"
fi

# Demo: no physical reader. A root pcscd loads its driver and reader.conf from this directory:
# a fresh one nobody else can have prepared, never a name another user could guess.
demo=$(private_dir_make tokenburner-demo) || { echo "run.sh: no private directory for the demo" >&2; exit 1; }
listening() { grep -q "$(printf ':%04X ' "$1")" /proc/net/tcp /proc/net/tcp6 2>/dev/null; }
port=35991
while listening "$port" || listening $((port + 1)); do port=$((port + 2)); done
sim_pid=""
cleanup() {
  if [[ -n $sim_pid ]]; then
    kill "$sim_pid" 2>/dev/null
    wait "$sim_pid" 2>/dev/null
  fi
  scripts/pcscd-sandbox.sh stop "$demo" >/dev/null 2>&1 || true
  rm -rf -- "$demo"
}
trap cleanup EXIT
scripts/pcscd-sandbox.sh start "$demo" "$port" >/dev/null
# Ctrl-C belongs to the wizard (it may ask before quitting): this script only waits for it and
# cleans up afterwards. A no-op handler, unlike ignoring, is not inherited by the program.
trap ':' INT
trap 'exit 143' TERM
eval "$(scripts/pcscd-sandbox.sh env "$demo")"
# The demo's enrollments and backup codes go to a registry of its own, never the operator's.
export TOKENBURNER_REGISTRY="$demo/registry.sqlite"
set -o noclobber
"$bin" simulate --port "$port" --model "${DEMO_MODEL:-C302-i}" >"$demo/simulator.log" 2>&1 &
set +o noclobber
sim_pid=$!
for _ in $(seq 50); do
  "$bin" readers --json 2>/dev/null | jq -e '.readers[] | select(.card_present)' >/dev/null && break
  sleep 0.1
done
cat >&2 <<MSG
DEMO: no NFC reader is connected, so tokenburner talks to a simulated Token2 ${DEMO_MODEL:-C302-i}
token on a virtual reader (private pcscd + vpcd). Nothing real is written: enrollments and
backup codes go to the demo registry $demo/registry.sqlite. The token's display is logged to
$demo/simulator.log. Both are removed when the demo ends. Plug in a reader and run again to use
real tokens.
MSG
set +e
"$bin" "$@"
status=$?
cleanup
trap - EXIT
exit "$status"
