#!/usr/bin/env bash
# `readers` and `info` through the real stack: a private pcscd with the vpcd driver,
# `tokenburner simulate` as the card and `tokenburner readers/info` as separate processes.
source "$(dirname "$0")/lib.bash"
make_scratch
start_stack

# No card yet: the reader is there, empty; info says so and exits 69.
out=$(tb readers --json) || fail "readers exited $?"
expect_eq "false" "$(jq -r '.readers[] | select(.name == "Virtual PCD 00 00") | .card_present' <<<"$out")" \
  "card present before the simulator runs"
expect_status 69 "info without a card" tb info

start_sim --model OTPC-P2-i --clock-offset 42
out=$(tb readers --json) || fail "readers exited $?"
expect_eq "true" "$(jq -r '.readers[] | select(.name == "Virtual PCD 00 00") | .card_present' <<<"$out")" \
  "card present once the simulator runs"

wait_card present || fail "the card is not on the reader"
out=$(tb info --reader "virtual pcd" --json) || fail "info exited $?"
expect_eq "8659622000001" "$(jq -r .serial <<<"$out")" "serial"
expect_eq "OTPC-P2-i" "$(jq -r .model <<<"$out")" "model"
expect_eq "true" "$(jq -r .restricted <<<"$out")" "restricted"
drift=$(jq -r .clock_drift_seconds <<<"$out")
(( drift >= 41 && drift <= 43 )) || fail "drift: expected 42 +/- 1, got $drift"
wait_card present || fail "the card is not on the reader"
human=$(tb info 2>&1)
grep -q "restricted: writing the clock erases the seed" <<<"$human" || fail "human info lacks the warning: $human"
expect_status 69 "a reader name that matches nothing" tb info --reader "no such reader"

# pcscd gone: every PC/SC command says so and exits 69.
stop_stack
msg=$(tb readers 2>&1); status=$?
expect_eq 69 "$status" "readers without pcscd"
grep -qi "pcscd" <<<"$msg" || fail "the message does not name pcscd: $msg"
echo "  readers and info agree with the simulated token"
