#!/usr/bin/env bash
# Start-up: `tokenburner --version` as a process, median and p95 over STARTUP_BENCH_RUNS runs
# (default 50), next to `oathtool --version` — a small C program's start-up, for scale; then the
# time to the wizard's first full frame in tmux (below). Prints tab-separated rows for
# scripts/bench.sh.
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
# The wizard against a sandbox pcscd, vpcd and `tokenburner simulate` (scripts/integration/
# wizard-lib.bash), in an 80x24 tmux pane that already exists: each run respawns the pane with
# `tokenburner --reader virtual`, and the clock runs from that respawn to the first capture-pane
# that shows the whole Task step (its title and the last hint of the key bar). Median and p95
# over WIZARD_FRAME_RUNS runs (default 15), after one unmeasured warm-up. No peer.
source "$(dirname "$0")/../integration/wizard-lib.bash"
frame_runs=${WIZARD_FRAME_RUNS:-15}
sock="tb-bench-frame-$$"
sockets+=("$sock")
tmux -L "$sock" new-session -d -s w -x 80 -y 24 "sleep 600" || fail "tmux did not start"
wizard_cmd="exec env TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 PCSCLITE_CSOCK_NAME=$PCSCLITE_CSOCK_NAME TOKENBURNER_REGISTRY=$registry TOKENBURNER_OPERATOR=helpdesk-bench $TOKENBURNER_BIN --reader virtual"
# The first full frame: the step title and the key bar's last hint are both on the screen.
full_frame() {
  local text
  text=$(tmux -L "$sock" capture-pane -p -t w)
  [[ $text == *"Step 1 of 8: Task"* && $text == *"$frame_last_hint"* ]]
}
frame_last_hint="F10 quit"
one_frame() {
  local start
  start=$(now_ns)
  tmux -L "$sock" respawn-pane -k -t w "$wizard_cmd"
  for _ in $(seq 5000); do
    full_frame && { echo $(( $(now_ns) - start )); return 0; }
  done
  fail "the wizard's first frame did not appear"
}
one_frame >/dev/null
frames=$(for _ in $(seq "$frame_runs"); do one_frame || exit 1; done) || exit 1
fm=$(median <<<"$frames"); fp=$(p95 <<<"$frames")
printf 'start-up: wizard first full frame, median (ms)\t%s\t\t\n' "$(ns_to_ms "$fm")"
printf 'start-up: wizard first full frame, p95 (ms)\t%s\t\t\n' "$(ns_to_ms "$fp")"
echo "wizard first frame: $frame_runs runs, tmux 80x24, from respawn-pane to a capture-pane with the Task step's title and key bar"
