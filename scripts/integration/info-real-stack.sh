#!/usr/bin/env bash
# `readers` and `info` through the real stack: a private pcscd with the vpcd driver,
# `tokenburner simulate` as the card and `tokenburner readers/info` as separate processes.
source "$(dirname "$0")/lib.bash"
make_scratch
sandbox="$(dirname "$0")/../pcscd-sandbox.sh"
port=$(( 36000 + RANDOM % 2000 * 2 ))
sim_pid=""
cleanup() {
  [[ -n $sim_pid ]] && kill "$sim_pid" 2>/dev/null
  "$sandbox" stop "$SCRATCH/pcscd" >/dev/null 2>&1
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

PCSC_SANDBOX_AUTO_EXIT=1 "$sandbox" start "$SCRATCH/pcscd" "$port" >/dev/null ||
  fail "the sandbox pcscd did not start"
eval "$("$sandbox" env "$SCRATCH/pcscd")"

# No card yet: the reader is there, empty; info says so and exits 69.
out=$(tb readers --json) || fail "readers exited $?"
expect_eq "false" "$(jq -r '.readers[] | select(.name == "Virtual PCD 00 00") | .card_present' <<<"$out")" \
  "card present before the simulator runs"
expect_status 69 "info without a card" tb info

tb simulate --port "$port" --model OTPC-P2-i --clock-offset 42 >"$SCRATCH/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 50); do
  tb readers --json 2>/dev/null | jq -e '.readers[] | select(.card_present)' >/dev/null && break
  sleep 0.1
done
out=$(tb readers --json) || fail "readers exited $?"
expect_eq "true" "$(jq -r '.readers[] | select(.name == "Virtual PCD 00 00") | .card_present' <<<"$out")" \
  "card present once the simulator runs"

out=$(tb info --reader "virtual pcd" --json) || fail "info exited $?"
expect_eq "8659622000001" "$(jq -r .serial <<<"$out")" "serial"
expect_eq "OTPC-P2-i" "$(jq -r .model <<<"$out")" "model"
expect_eq "true" "$(jq -r .restricted <<<"$out")" "restricted"
drift=$(jq -r .clock_drift_seconds <<<"$out")
(( drift >= 41 && drift <= 43 )) || fail "drift: expected 42 +/- 1, got $drift"
tb info | grep -q "restricted: writing the clock erases the seed" || fail "human info lacks the warning"
expect_status 69 "a reader name that matches nothing" tb info --reader "no such reader"

# pcscd gone: every PC/SC command says so and exits 69.
"$sandbox" stop "$SCRATCH/pcscd" >/dev/null
msg=$(tb readers 2>&1); status=$?
expect_eq 69 "$status" "readers without pcscd"
grep -qi "pcscd" <<<"$msg" || fail "the message does not name pcscd: $msg"
echo "  readers and info agree with the simulated token"
