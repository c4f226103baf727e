#!/usr/bin/env bash
# TOTP codes per second (a sanity figure): the 6-digit SHA-1 codes of TOTP_BENCH_CODES
# consecutive 30 s steps (default 200000) for one random secret, computed and printed by one
# process — `tokenburner-bench totp` (the OTP library the product uses) and
# `oathtool --totp -w` — median over 3 runs each. Both outputs must be identical.
# Prints tab-separated rows for scripts/bench.sh.
set -uo pipefail
: "${TOKENBURNER_BIN:?set TOKENBURNER_BIN}"
source "$(dirname "$0")/stats.bash"
bench_bin=${TOKENBURNER_BENCH_BIN:-$(dirname "$TOKENBURNER_BIN")/tokenburner-bench}
[[ -x $bench_bin ]] || { echo "no tokenburner-bench at $bench_bin"; exit 1; }
count=${TOTP_BENCH_CODES:-200000}
start=1700000000
dir=$(mktemp -d "${TMPDIR:-/tmp}/tokenburner-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
head -c 20 /dev/urandom | xxd -p -c 100 >"$dir/key"

ours() { "$bench_bin" totp "$count" "$start" <"$dir/key" >"$dir/ours" 2>"$dir/ours.err"; }
peer() { oathtool --totp -w "$((count - 1))" -N "@$start" - <"$dir/key" >"$dir/peer"; }
ours_ns=$(for _ in 1 2 3; do time_ns ours; done | median)
peer_ns=$(for _ in 1 2 3; do time_ns peer; done | median)
ours; peer
same=$(paste -d' ' "$dir/ours" "$dir/peer" | awk '$1 == $2' | wc -l)
rate() { awk -v n="$count" -v ns="$1" 'BEGIN { printf "%d", n / (ns / 1e9) }'; }
printf 'TOTP: codes per second, %d codes in one process\t%s\t%s\t%s\n' "$count" \
  "$(rate "$ours_ns")" "$(rate "$peer_ns")" "$(ratio "$peer_ns" "$ours_ns")"
printf 'TOTP: codes identical to the peer'"'"'s (of %d)\t%d\t%d\t\n' "$count" "$same" "$(wc -l <"$dir/peer")"
echo "peer is $(oathtool --version | head -1); in-process rate without start-up and printing: $(sed -n 's/codes_per_second //p' "$dir/ours.err")/s"
