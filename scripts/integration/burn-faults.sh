#!/usr/bin/env bash
# The link dropped at each APDU of a burn, through the real stack (pcscd + vpcd + simulator),
# on an unrestricted (C302-i) and a restricted (OTPC-P2-i) model. The simulated token leaves
# the field instead of answering APDU k (having executed it or not) and comes back:
# - soon (1 s, longer than pcscd's presence poll, as a hand laying the token back): the burn waits, reconnects once and finishes (exit 0), except before
#   AUTHENTICATE, where nothing was written and it stops with 75, and at AUTHENTICATE itself:
#   a lost answer may be a refusal, so it stops with 75 and "the token may have refused the
#   key", without a reconnect or a second AUTHENTICATE;
# - too late for the burn (it waits 1 s, the token returns after 2.5 s): exit 75 and a token
#   state that contains what the token really holds, never "burned" unless it is.
# Every case ends with a second burn that must complete the job.
#
# pcscd 1.9.9 could lose the simulated card after a drop (no card for good while the simulator
# is connected: a failed SCardReconnect marks the reader empty and the reader thread, which
# missed the absence, never corrects it; see docs/pcsc-sandbox.md). The simulator now rejoins
# when pcscd does not take it up, which clears that state. Should the bench still lose the
# card, that is the test bench failing, not the burn: the case is rerun once on a restarted
# pcscd, at most three times per run, and each rerun is reported.
source "$(dirname "$0")/lib.bash"
make_scratch
start_stack
cases=0

# back_in_field: the simulated token is connected to vpcd again and the reader shows it (a
# "present" read before the simulator says it is back may be pcscd's stale view of the drop).
back_in_field() {
  fresh_status
  wait_status '.in_field' && wait_card present
}

# second_burn: the retry the operator would do; the token must then show the new codes.
second_burn() {
  local hex
  hex=$(random_hex 20)
  back_in_field || return 3
  # The tallies of the case are read: a GET INFO now no longer counts against them.
  wait_token_readable || return 3
  echo "0x$hex" | tb burn --secret-stdin --json >"$SCRATCH/second.json" 2>&1 ||
    fail "$label: the second burn exited $?: $(cat "$SCRATCH/second.json")"
  expect_eq burned "$(real_state "$hex")" "$label: the token after the second burn"
}

# One case; returns 3 when the virtual reader lost the card (the bench, not the burn, failed).
fault_case() {
  flags=(--model "$model" --drop-after-apdu "$k")
  [[ $executes == yes ]] && flags+=(--drop-executes)
  if [[ $comeback == soon ]]; then flags+=(--return-after-ms 1000); wait=6
  else flags+=(--return-after-ms 2500); wait=1; fi
  start_sim "${flags[@]}"
  hex=$(random_hex 20)
  echo "0x$hex" | tb burn --secret-stdin --return-timeout "$wait" --json >"$SCRATCH/burn.json" 2>"$SCRATCH/burn.err"
  status=$?
  json=$(cat "$SCRATCH/burn.json")
  back_in_field || return 3
  real=$(real_state "$hex")
  expect_eq 1 "$(sim .drops)" "$label: drops"
  if (( k <= 2 )); then
    expect_eq 75 "$status" "$label: exit status"
    expect_eq unchanged "$(jq -r .error.token_state <<<"$json")" "$label: reported state"
    expect_eq unchanged "$real" "$label: real state"
    expect_eq 0 "$(sim .authenticate_commands)" "$label: AUTHENTICATEs"
  elif (( k == 3 )); then
    expect_eq 75 "$status" "$label: exit status"
    expect_eq unchanged "$(jq -r .error.token_state <<<"$json")" "$label: reported state"
    expect_eq unchanged "$real" "$label: real state"
    jq -r .error.message <<<"$json" | grep -qF "the token may have refused the key; check it before retrying" ||
      fail "$label: no warning: $json"
    # The token saw the AUTHENTICATE only if it ran it; nothing after it (no reconnect GET INFO).
    expect_eq "$([[ $executes == yes ]] && echo 1 || echo 0)" "$(sim .authenticate_commands)" "$label: AUTHENTICATEs"
    expect_eq "$([[ $executes == yes ]] && echo 3 || echo 2)" "$(sim .commands)" "$label: APDUs the token ran"
  elif [[ $comeback == soon || $k -eq 6 ]]; then
    expect_eq 0 "$status" "$label: exit status ($(cat "$SCRATCH/burn.err"))"
    expect_eq burned "$real" "$label: real state after a reported success"
    if (( k == 6 )); then
      jq -e '.recoveries | any(test("final GET INFO"))' <<<"$json" >/dev/null ||
        fail "$label: the skipped read-back is not reported: $json"
    else
      jq -e '.recoveries | any(test("reconnected once"))' <<<"$json" >/dev/null ||
        fail "$label: the reconnect is not reported: $json"
      # One AUTHENTICATE per card session, each answered.
      expect_eq 2 "$(sim .authenticate_commands)" "$label: AUTHENTICATEs"
    fi
  else
    expect_eq 75 "$status" "$label: exit status"
    reported=$(jq -r '.error.possible_states | join(" ")' <<<"$json")
    [[ " $reported " == *" $real "* ]] || fail "$label: real state $real not among reported: $reported"
    [[ $(jq -r .error.token_state <<<"$json") != burned ]] || fail "$label: reported burned after a failure"
    grep -q "one reconnect did not finish the job" "$SCRATCH/burn.err" ||
      fail "$label: no operator explanation: $(cat "$SCRATCH/burn.err")"
    grep -q "burn it again\|burn again" "$SCRATCH/burn.err" || fail "$label: no next step"
  fi
  second_burn || return 3
}

desyncs=0
for model in C302-i OTPC-P2-i; do
  for k in 1 2 3 4 5 6; do
    for executes in no yes; do
      for comeback in soon late; do
        # Before AUTHENTICATE nothing waits, so "late" adds nothing for k = 1, 2.
        [[ $comeback == late && $k -le 2 ]] && continue
        label="$model, drop at APDU $k (executed: $executes, back $comeback)"
        fault_case
        if [[ $? -eq 3 ]]; then
          desyncs=$((desyncs + 1))
          (( desyncs <= 3 )) || fail "the virtual reader lost the simulated card $desyncs times"
          echo "  rerun: $label: pcscd showed no card while the simulator was connected ($(cat "$SIM_STATUS")); pcscd restarted"
          stop_sim
          stop_stack
          start_stack
          fault_case || fail "$label: the virtual reader lost the simulated card again after a restart"
        fi
        cases=$((cases + 1))
      done
    done
  done
done
echo "  $cases link-loss cases reported truthfully and finished by a second burn"
