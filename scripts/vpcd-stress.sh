#!/usr/bin/env bash
# Stress test for the virtual reader: many drops and returns of the simulated token through a
# sandbox pcscd + vpcd, counting "stuck" states (the simulator is back in the field but pcscd
# shows no card for STUCK_SECONDS). Each stuck state is recorded with diagnostics (sockets,
# pcscd's descriptors and thread stacks) and pcscd is restarted. See docs/pcsc-sandbox.md.
#
# Usage: TOKENBURNER_BIN=... scripts/vpcd-stress.sh [DROPS] [OUT-DIR]
# Environment: STRESS_RETURNS="0 20 100 300 1000"  return delays (ms) to cycle through;
#   STRESS_MODE=burn (default): a burn whose APDU 4 or 5 (a write) drops (the burn reconnects,
#   as in burn-faults.sh; a drop on APDU 3, AUTHENTICATE, ends the burn without one); STRESS_MODE=info: `info`, whose first APDU drops;
#   STRESS_LOAD=N  run N busy loops meanwhile; STUCK_SECONDS=5; PCSC_SANDBOX_DEBUG=1 logs APDUs.
set -uo pipefail
: "${TOKENBURNER_BIN:?set TOKENBURNER_BIN to the built tokenburner binary}"
drops=${1:-100}
out=${2:-$(mktemp -d "${TMPDIR:-/tmp}/vpcd-stress.XXXXXX")}
returns=(${STRESS_RETURNS:-0 20 100 300 1000})
stuck_seconds=${STUCK_SECONDS:-5}
here=$(cd "$(dirname "$0")" && pwd)
sandbox="$here/pcscd-sandbox.sh"
port=$((36000 + RANDOM % 4000 * 2))
status="$out/sim-status.json"
mkdir -p "$out"
sim_pid="" load_pids=()

cleanup() {
  [[ -n $sim_pid ]] && kill "$sim_pid" 2>/dev/null
  for p in "${load_pids[@]}"; do kill "$p" 2>/dev/null; done
  "$sandbox" stop "$out/pcscd" >/dev/null 2>&1
}
trap cleanup EXIT

start_pcscd() {
  "$sandbox" start "$out/pcscd" "$port" >/dev/null || { echo "pcscd did not start" >&2; exit 1; }
  eval "$("$sandbox" env "$out/pcscd")"
}

card() {  # prints true/false: does the vpcd slot hold a card?
  "$TOKENBURNER_BIN" readers --json 2>/dev/null |
    jq -r '.readers[] | select(.name == "Virtual PCD 00 00") | .card_present'
}

wait_card() {  # wait_card true|false SECONDS
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    [[ $(card) == "$1" ]] && return 0
    sleep 0.1
  done
  return 1
}

in_field() { [[ -s $status ]] && jq -e '.in_field and .drops == 1' "$status" >/dev/null 2>&1; }

diagnose() {  # diagnose N: what the stack looks like while stuck
  local d="$out/stuck-$1" pid
  pid=$(cat "$out/pcscd/pcscd.pid")
  mkdir -p "$d"
  cp "$status" "$d/"
  ss -tanpo "( sport = :$port or dport = :$port )" >"$d/sockets.txt" 2>&1
  ls -l "/proc/$pid/fd" >"$d/pcscd-fds.txt" 2>&1
  command -v gdb >/dev/null &&
    timeout 30 gdb -p "$pid" -batch -ex "thread apply all bt" >"$d/pcscd-stacks.txt" 2>&1
  cp "$out/pcscd/pcscd.log" "$d/" 2>/dev/null
  tail -n 40 "$out/sim.log" >"$d/sim-tail.log"
}

for ((i = 0; i < ${STRESS_LOAD:-0}; i++)); do
  (while :; do :; done) &
  load_pids+=($!)
done

start_pcscd
stuck=0 done_drops=0 missed=0
for ((n = 1; n <= drops; n++)); do
  ms=${returns[$(((n - 1) % ${#returns[@]}))]}
  rm -f "$status"
  k=1
  [[ ${STRESS_MODE:-burn} == burn ]] && k=$((4 + n % 2))
  "$TOKENBURNER_BIN" simulate --port "$port" --status-file "$status" \
    --drop-after-apdu "$k" --return-after-ms "$ms" >>"$out/sim.log" 2>&1 &
  sim_pid=$!
  if ! wait_card true 10; then
    echo "drop $n: the token never appeared (start), restarting pcscd"
    missed=$((missed + 1))
  else
    if [[ ${STRESS_MODE:-burn} == burn ]]; then  # a random test key, never kept
      echo "0x$(head -c 20 /dev/urandom | xxd -p -c 100)" |
        "$TOKENBURNER_BIN" burn --secret-stdin --return-timeout 3 --json >/dev/null 2>&1
    else
      "$TOKENBURNER_BIN" info --json >/dev/null 2>&1  # its first APDU makes the token leave
    fi
    for _ in $(seq 100); do in_field && break; sleep 0.05; done
    if ! in_field; then
      echo "drop $n: the token did not drop and return"
      missed=$((missed + 1))
    else
      done_drops=$((done_drops + 1))
      if ! wait_card true "$stuck_seconds"; then
        stuck=$((stuck + 1))
        echo "drop $n (back after $ms ms): STUCK, pcscd shows no card; diagnostics in $out/stuck-$n"
        diagnose "$n"
        kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; sim_pid=""
        "$sandbox" stop "$out/pcscd" >/dev/null 2>&1
        start_pcscd
        continue
      fi
    fi
  fi
  kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; sim_pid=""
  if ! wait_card false 10; then
    echo "drop $n: the card did not leave after the simulator stopped; restarting pcscd"
    "$sandbox" stop "$out/pcscd" >/dev/null 2>&1
    start_pcscd
  fi
  ((n % 25 == 0)) && echo "  $n rounds: $done_drops drops, $stuck stuck"
done
echo "drops: $done_drops, stuck: $stuck, rounds without a drop: $missed (out: $out)"
((stuck == 0))
