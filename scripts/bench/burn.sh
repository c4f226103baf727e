#!/usr/bin/env bash
# A complete burn through the real stack: `tokenburner burn` (a separate process per burn)
# -> libpcsclite -> a private pcscd -> the vpcd driver -> `tokenburner simulate`, the same
# stack as the integration suites. BURN_BENCH_RUNS burns (default 30) after one warm-up, each
# with a fresh random 20-byte secret on standard input; no peer exists for this (the vendor's
# burning tool does not run on Linux).
# Figures: wall time of the whole process (median, p95), APDUs per burn (`apdu_count`), and the
# time spent inside SCardTransmit, reported by the burn itself when
# TOKENBURNER_BENCH_TRANSMIT_FILE is set (see Sources/tokenburner/Support/TransmitTiming.swift),
# as a share of the process wall time and of the burn's own `elapsed_ms`.
# Prints tab-separated rows for scripts/bench.sh.
set -uo pipefail
: "${TOKENBURNER_BIN:?set TOKENBURNER_BIN}"
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../integration/lib.bash"
source "$here/stats.bash"
runs=${BURN_BENCH_RUNS:-30}
make_scratch
start_stack
start_sim --model C302-i

: >"$SCRATCH/burns.tsv"
for i in $(seq 0 "$runs"); do
  timing="$SCRATCH/transmit.json"
  rm -f "$timing"
  hex=$(random_hex 20)
  start=$(now_ns)
  echo "0x$hex" | TOKENBURNER_BENCH_TRANSMIT_FILE="$timing" "$TOKENBURNER_BIN" burn --secret-stdin --json \
    >"$SCRATCH/burn.json" 2>"$SCRATCH/burn.err" || fail "burn $i exited $?: $(cat "$SCRATCH/burn.err")"
  wall=$(( $(now_ns) - start ))
  (( i == 0 )) && continue  # warm-up: page cache, pcscd's first client
  [[ -s $timing ]] || fail "the burn wrote no transmit timing"
  printf '%s\t%s\t%s\t%s\n' "$wall" "$(jq -r .apdu_count "$SCRATCH/burn.json")" \
    "$(jq -r '.elapsed_ms * 1000000' "$SCRATCH/burn.json")" "$(jq -r .transmit_ns "$timing")" >>"$SCRATCH/burns.tsv"
done

col() { cut -f"$1" "$SCRATCH/burns.tsv"; }
wall_med=$(col 1 | median); wall_p95=$(col 1 | p95)
in_med=$(col 3 | median)
tx_med=$(col 4 | median)
share_wall=$(awk -F'\t' '{ print 100 * $4 / $1 }' "$SCRATCH/burns.tsv" | median)
share_in=$(awk -F'\t' '$3 > 0 { print 100 * $4 / $3 }' "$SCRATCH/burns.tsv" | median)
printf 'burn via pcscd+vpcd+simulator: wall time per burn, median (ms)\t%s\t\t\n' "$(ns_to_ms "$wall_med")"
printf 'burn via pcscd+vpcd+simulator: wall time per burn, p95 (ms)\t%s\t\t\n' "$(ns_to_ms "$wall_p95")"
printf 'burn: APDUs per burn (median)\t%s\t\t\n' "$(col 2 | median)"
printf 'burn: in-process burn time (elapsed_ms), median (ms)\t%s\t\t\n' "$(ns_to_ms "$in_med")"
printf 'burn: time inside SCardTransmit per burn, median (ms)\t%s\t\t\n' "$(ns_to_ms "$tx_med")"
per_apdu=$(awk -F'\t' '$2 > 0 { print $4 / $2 }' "$SCRATCH/burns.tsv" | median)
printf 'burn: time inside SCardTransmit per APDU, median (ms)\t%s\t\t\n' "$(ns_to_ms "$per_apdu")"
printf 'burn: share of wall time inside SCardTransmit (%%)\t%.1f\t\t\n' "$share_wall"
printf 'burn: share of in-process burn time inside SCardTransmit (%%)\t%.1f\t\t\n' "$share_in"
echo "$runs burns after one warm-up on a simulated C302-i; no peer on Linux"
