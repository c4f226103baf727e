#!/usr/bin/env bash
# A complete burn through the real stack: `tokenburner burn` (a separate process per burn)
# -> libpcsclite -> a private pcscd -> the vpcd driver -> `tokenburner simulate`, the same
# stack as the integration suites, with two peers in the same run on the same simulated token:
#   - a minimal pyscard client (Debian python3-pyscard, peers/pyscard-burn.py) and
#   - the raw PC/SC floor, a C program against libpcsclite (peers/pcsc-floor.c, compiled now),
# both replaying the six APDUs of a burn. The simulator runs with --fixed-challenge, so the
# APDUs recorded once from a tokenburner burn (pcscd's APDU log of a separate sandbox, with a
# public bench seed, not a secret) are accepted again, AUTHENTICATE included.
# BURN_BENCH_RUNS rounds (default 30) after one warm-up; each round runs the three clients one
# after the other, so load hits them alike. tokenburner gets a fresh random secret each time.
# Figures: wall time per process (median, p95), peak RSS (GNU time), the in-process span
# (tokenburner's `elapsed_ms`; the peers time the same calls), tokenburner's overhead over the
# floor, time inside SCardTransmit, and the per-APDU round trip to a bare card on vpcd's other
# slot (peers/vpcd-card.py) with the delayed ACK (the simulator before) and with quick-ack.
# Prints tab-separated rows for scripts/bench.sh.
set -uo pipefail
: "${TOKENBURNER_BIN:?set TOKENBURNER_BIN}"
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../integration/lib.bash"
source "$here/stats.bash"
runs=${BURN_BENCH_RUNS:-30}
python=/usr/bin/python3  # Debian's, where python3-pyscard lives
make_scratch
gcc -O2 -o "$SCRATCH/pcsc-floor" "$here/peers/pcsc-floor.c" $(pkg-config --cflags --libs libpcsclite) ||
  fail "cannot compile the PC/SC floor"
"$python" -c 'import smartcard' 2>/dev/null || fail "python3-pyscard is missing (scripts/install-deps.sh test)"
reader="Virtual PCD 00 00"
other_reader="Virtual PCD 00 01"

# 1. Record the APDUs of one burn in a sandbox of their own that logs APDUs.
capture="$SCRATCH/capture"
capture_port=$(( 36001 + RANDOM % 3000 * 2 ))
PCSC_SANDBOX_DEBUG=1 PCSC_SANDBOX_AUTO_EXIT=1 "$SANDBOX_SCRIPT" start "$capture" "$capture_port" >/dev/null ||
  fail "the capture sandbox did not start"
(
  eval "$("$SANDBOX_SCRIPT" env "$capture")"
  "$TOKENBURNER_BIN" simulate --port "$capture_port" --fixed-challenge >"$SCRATCH/capture-sim.log" 2>&1 &
  sim=$!
  for _ in $(seq 100); do
    "$TOKENBURNER_BIN" readers --json 2>/dev/null | jq -e '.readers[0].card_present' >/dev/null && break
    sleep 0.1
  done
  # The bench seed: 20 public bytes ("tokenburner bench 20"), never a secret of anyone's.
  echo "0x746f6b656e6275726e65722062656e6368203230" |
    "$TOKENBURNER_BIN" burn --secret-stdin --json >"$SCRATCH/capture-burn.json" 2>&1
  status=$?
  kill "$sim"; wait "$sim" 2>/dev/null
  exit $status
) || fail "the recording burn failed: $(cat "$SCRATCH/capture-burn.json")"
"$SANDBOX_SCRIPT" stop "$capture" >/dev/null 2>&1
sed -n 's/^[0-9]* APDU: //p' "$capture/pcscd.log" >"$SCRATCH/apdus.txt"
[[ $(wc -l <"$SCRATCH/apdus.txt") -eq 6 ]] || fail "expected 6 recorded APDUs, got $(wc -l <"$SCRATCH/apdus.txt")"

# 2. The measured stack: a quiet pcscd, the simulator with the same fixed challenge.
start_stack
start_sim --model C302-i --fixed-challenge

# Runs a command under GNU time; prints "wall_ns peak_kib" and keeps its stdout in $SCRATCH/out.
measure() {
  local start wall
  start=$(now_ns)
  /usr/bin/time -f '%M' -o "$SCRATCH/rss" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" ||
    fail "$1 failed: $(cat "$SCRATCH/err")"
  wall=$(( $(now_ns) - start ))
  echo "$wall $(tail -1 "$SCRATCH/rss")"
}

: >"$SCRATCH/rounds.tsv"
for i in $(seq 0 "$runs"); do
  timing="$SCRATCH/transmit.json"
  rm -f "$timing"
  hex=$(random_hex 20)
  read -r tb_wall tb_kib < <(echo "0x$hex" | TOKENBURNER_BENCH_TRANSMIT_FILE="$timing" \
    measure "$TOKENBURNER_BIN" burn --secret-stdin --json)
  tb_span=$(jq -r '.elapsed_ms * 1000000' "$SCRATCH/out")
  tb_apdus=$(jq -r .apdu_count "$SCRATCH/out")
  read -r py_wall py_kib < <(measure "$python" "$here/peers/pyscard-burn.py" "$SCRATCH/apdus.txt" "$reader")
  py_span=$(cat "$SCRATCH/out")
  read -r c_wall c_kib < <(measure "$SCRATCH/pcsc-floor" "$SCRATCH/apdus.txt" "$reader")
  read -r c_span c_tx <"$SCRATCH/out"
  (( i == 0 )) && continue  # warm-up: page cache, pcscd's first client
  [[ -s $timing ]] || fail "the burn wrote no transmit timing"
  printf '%s\t' "$tb_wall" "$tb_kib" "$tb_span" "$tb_apdus" "$(jq -r .transmit_ns "$timing")" \
    "$py_wall" "$py_kib" "$py_span" "$c_wall" "$c_kib" "$c_span" >>"$SCRATCH/rounds.tsv"
  printf '%s\n' "$c_tx" >>"$SCRATCH/rounds.tsv"
done

col() { cut -f"$1" "$SCRATCH/rounds.tsv"; }
max() { sort -g | tail -1; }
ms() { ns_to_ms "$1"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
tb_wall=$(col 1 | median); py_wall=$(col 6 | median); c_wall=$(col 9 | median)
tb_p95=$(col 1 | p95); py_p95=$(col 6 | p95)
tb_span=$(col 3 | median); py_span=$(col 8 | median); c_span=$(col 11 | median)
tb_kib=$(col 2 | max); py_kib=$(col 7 | max); c_kib=$(col 10 | max)
tb_tx=$(col 5 | median); c_tx=$(col 12 | median)
row() { printf '%s\t%s\t%s\t%s\n' "$@"; }
row "burn via pcscd+vpcd+simulator: wall time per burn, median (ms; peer: pyscard client)" \
  "$(ms "$tb_wall")" "$(ms "$py_wall")" "$(ratio "$tb_wall" "$py_wall")"
row "burn: wall time per burn, p95 (ms; peer: pyscard client)" "$(ms "$tb_p95")" "$(ms "$py_p95")" \
  "$(ratio "$tb_p95" "$py_p95")"
row "burn: wall time, median (ms; peer: raw C PC/SC floor, 6 APDUs)" "$(ms "$tb_wall")" "$(ms "$c_wall")" \
  "$(ratio "$tb_wall" "$c_wall")"
row "burn: overhead over the raw floor, whole process (%)" \
  "$(awk -v a="$tb_wall" -v b="$c_wall" 'BEGIN { printf "%.0f", 100 * (a - b) / b }')" "" ""
row "burn: in-process span, context to disconnect, median (ms; peer: pyscard client)" \
  "$(ms "$tb_span")" "$(ms "$py_span")" "$(ratio "$tb_span" "$py_span")"
row "burn: in-process span, median (ms; peer: raw C PC/SC floor)" "$(ms "$tb_span")" "$(ms "$c_span")" \
  "$(ratio "$tb_span" "$c_span")"
row "burn: overhead over the raw floor, in-process span (%)" \
  "$(awk -v a="$tb_span" -v b="$c_span" 'BEGIN { printf "%.0f", 100 * (a - b) / b }')" "" ""
row "burn: peak RSS (MiB; peer: pyscard client)" "$(mib "$tb_kib")" "$(mib "$py_kib")" "$(ratio "$tb_kib" "$py_kib")"
row "burn: peak RSS (MiB; peer: raw C PC/SC floor)" "$(mib "$tb_kib")" "$(mib "$c_kib")" "$(ratio "$tb_kib" "$c_kib")"
row "burn: APDUs per burn (median)" "$(col 4 | median)" "6" ""
row "burn: time inside SCardTransmit per burn, median (ms; peer: raw C floor)" "$(ms "$tb_tx")" "$(ms "$c_tx")" \
  "$(ratio "$tb_tx" "$c_tx")"

# 3. The per-APDU round trip with and without the card's quick-ack, on vpcd's other slot.
round_trip() { # [--quick-ack]: median time per APDU inside SCardTransmit, ns
  "$python" "$here/peers/vpcd-card.py" $(( VPCD_PORT + 1 )) "$@" &
  local card=$!
  for _ in $(seq 100); do
    tb readers --json 2>/dev/null | jq -e --arg r "$other_reader" \
      '.readers[] | select(.name == $r) | .card_present' >/dev/null && break
    sleep 0.1
  done
  for _ in $(seq 10); do
    "$SCRATCH/pcsc-floor" "$SCRATCH/apdus.txt" "$other_reader" | awk '{ print $2 / 6 }'
  done | median
  kill "$card"; wait "$card" 2>/dev/null
  for _ in $(seq 100); do
    [[ $(tb readers --json 2>/dev/null | jq -r --arg r "$other_reader" \
      '.readers[] | select(.name == $r) | .card_present') == false ]] && break
    sleep 0.1
  done
}
delayed=$(round_trip); quick=$(round_trip --quick-ack)
row "vpcd round trip per APDU, card acknowledging at once vs delayed ACK (ms)" "$(ms "$quick")" \
  "$(ms "$delayed")" "$(ratio "$quick" "$delayed")"
echo "$runs rounds after one warm-up on a simulated C302-i (--fixed-challenge); peers: pyscard $(dpkg-query -W -f='${Version}' python3-pyscard 2>/dev/null), C against libpcsclite $(pkg-config --modversion libpcsclite)"
