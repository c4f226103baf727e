#!/usr/bin/env bash
# Family B through the real stack: a private pcscd whose vpcd reader is named like a real
# Molto2 ("TOKEN2 Molto2 [CCID Interface]"), `tokenburner simulate --model molto2|molto2v2` as
# the token and `tokenburner profiles/info` as separate processes. The factory seed's code on
# the simulated display is checked against oathtool; the reader is found by "Molto2" alone, and
# a reader named "TOKEN2 ..." without "Molto2" is not taken for one.
source "$(dirname "$0")/lib.bash"
make_scratch

MOLTO2_READER="TOKEN2 Molto2 [CCID Interface] 00 00"

# wait_reader NAME present|absent: polls `readers` until reader NAME has (or lacks) a card.
wait_reader() {
  local want=true
  [[ $2 == absent ]] && want=false
  for _ in $(seq 200); do
    [[ $(tb readers --json 2>/dev/null |
      jq -r --arg n "$1" '.readers[] | select(.name == $n) | .card_present') == "$want" ]] && return 0
    sleep 0.1
  done
  return 1
}

# start_molto2 MODEL READER: a simulated Molto2 of MODEL on the sandbox reader READER.
# Waits for the previous token to leave first: otherwise its card can still show as present
# and vanish under the next command (both vpcd slots empty: "Molto2" then matches two readers).
start_molto2() {
  if [[ -n $SIM_PID ]]; then
    stop_sim
    wait_reader "$2" absent || fail "the previous simulated token did not leave the reader"
  fi
  SIM_STATUS="$SCRATCH/sim-status.json"
  rm -f "$SIM_STATUS"
  "$TOKENBURNER_BIN" simulate --model "$1" --port "$VPCD_PORT" --status-file "$SIM_STATUS" \
    >>"$SCRATCH/sim.log" 2>&1 &
  SIM_PID=$!
  wait_reader "$2" present || fail "the simulated $1 did not appear on \"$2\""
  wait_status '.commands >= 0' || fail "the simulator wrote no status file"
  # (`info` reads GET INFO; not on the non-Molto2 reader, where no APDU may be sent.)
  if [[ $2 == *Molto2* ]]; then
    wait_token_readable || fail "the simulated $1 does not answer GET INFO"
  fi
}

PCSC_SANDBOX_READER_NAME="TOKEN2 Molto2 [CCID Interface]" start_stack

# Molto2: 50 slots, the factory seed and title in slot 0, every other slot free.
start_molto2 molto2 "$MOLTO2_READER"
out=$(tb profiles --json) || fail "profiles exited $?"
expect_eq molto2 "$(jq -r .family <<<"$out")" "family"
expect_eq Molto2 "$(jq -r .model <<<"$out")" "model"
expect_eq 1010000001 "$(jq -r .serial <<<"$out")" "serial"
expect_eq 50 "$(jq -r .slot_count <<<"$out")" "slot count"
expect_eq "$(seq -s, 0 49)" "$(jq -r '[.slots[].number] | join(",")' <<<"$out")" "slot numbers"
expect_eq "true Token2 SHA1 6 30" \
  "$(jq -r '.slots[0] | "\(.occupied) \(.title) \(.settings.algorithm) \(.settings.digits) \(.settings.period)"' <<<"$out")" \
  "slot 0"
expect_eq 0 "$(jq '[.slots[1:][] | select(.occupied)] | length' <<<"$out")" "occupied slots after 0"
expect_eq 0 "$(sim .authenticate_commands)" "AUTHENTICATE commands sent by a keyless listing"

# The code the simulated slot 0 shows is the factory seed's, as oathtool computes it.
fresh_status
expect_eq "$(oath_code "$FACTORY_HEX" sha1 30 "$(sim .token_time)")" "$(sim '.slots[0].code')" \
  "slot 0 code against oathtool"

human=$(tb profiles) || fail "profiles (human) exited $?"
grep -q "^  0  used  Token2" <<<"$human" || fail "human listing lacks slot 0: $human"
grep -q "^ 49  free" <<<"$human" || fail "human listing lacks slot 49: $human"
grep -q "readable by anyone" <<<"$human" || fail "human listing lacks the title warning"

out=$(tb info --json) || fail "info exited $?"
expect_eq "molto2 Molto2 50 1010000001" \
  "$(jq -r '"\(.family) \(.model) \(.slot_count) \(.serial)"' <<<"$out")" "info on a Molto2"
expect_status 69 "profiles on a reader that does not exist" tb profiles --reader "no such reader"

# Molto2v2: 100 slots.
start_molto2 molto2v2 "$MOLTO2_READER"
out=$(tb profiles --json --reader molto2) || fail "profiles (Molto2v2) exited $?"
expect_eq "Molto2v2 100 100" "$(jq -r '"\(.model) \(.slot_count) \(.slots | length)"' <<<"$out")" \
  "Molto2v2 slots"
expect_eq "true Token2" "$(jq -r '.slots[0] | "\(.occupied) \(.title)"' <<<"$out")" "v2 slot 0"
expect_eq 99 "$(jq -r '.slots[-1].number' <<<"$out")" "last v2 slot"

# A reader named "TOKEN2 ..." without "Molto2" (as Token2's FIDO keys show) is not a Molto2.
stop_sim
stop_stack
PCSC_SANDBOX_READER_NAME="TOKEN2 PIN+R3" start_stack
start_molto2 molto2 "TOKEN2 PIN+R3 00 00"
msg=$(tb profiles 2>&1); status=$?
expect_eq 69 "$status" "profiles without a Molto2 reader"
grep -q 'No reader matches "Molto2"' <<<"$msg" || fail "the message does not say what was looked for: $msg"
expect_eq 0 "$(sim .commands)" "APDUs sent to a reader that is not a Molto2"
echo "  profiles and info agree with the simulated Molto2 and Molto2v2"
