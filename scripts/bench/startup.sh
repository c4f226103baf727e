#!/usr/bin/env bash
# Start-up: `tokenburner --version` as a process, median and p95 over STARTUP_BENCH_RUNS runs
# (default 50), next to `oathtool --version` — a small C program's start-up, for scale.
# Prints tab-separated rows for scripts/bench.sh.
set -uo pipefail
: "${TOKENBURNER_BIN:?set TOKENBURNER_BIN}"
source "$(dirname "$0")/stats.bash"
runs=${STARTUP_BENCH_RUNS:-50}
"$TOKENBURNER_BIN" --version >/dev/null || { echo "tokenburner --version failed"; exit 1; }

ours=$(for _ in $(seq "$runs"); do time_ns "$TOKENBURNER_BIN" --version; done)
peer=$(for _ in $(seq "$runs"); do time_ns oathtool --version; done)
om=$(median <<<"$ours"); pm=$(median <<<"$peer")
op=$(p95 <<<"$ours"); pp=$(p95 <<<"$peer")
printf 'start-up: --version, median (ms)\t%s\t%s\t%s\n' "$(ns_to_ms "$om")" "$(ns_to_ms "$pm")" "$(ratio "$om" "$pm")"
printf 'start-up: --version, p95 (ms)\t%s\t%s\t%s\n' "$(ns_to_ms "$op")" "$(ns_to_ms "$pp")" "$(ratio "$op" "$pp")"
echo "peer is oathtool --version ($runs runs each, times include process start and exit)"

# --- Time to the wizard's first full frame -------------------------------------------------
# PLACE FOR THE WIZARD ROW: when `tokenburner wizard` draws its first screen, measure here the
# time from starting it in a tmux pane (80x24) to the first capture-pane that shows the whole
# first step (title, step counter and key bar), median over runs, and print it as a row:
#   printf 'start-up: wizard first full frame, median (ms)\t%s\t\t\n' "$ms"
# Until then the row says it is not measured, instead of a number.
timeout 5 "$TOKENBURNER_BIN" wizard </dev/null >/dev/null 2>&1
if [[ $? -eq 70 ]]; then  # 70: "not implemented in this version yet"
  printf 'start-up: wizard first full frame (ms)\tnot in this build\t\t\n'
fi
