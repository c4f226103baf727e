#!/usr/bin/env bash
# The helpdesk registry end to end through pcscd + vpcd + simulated tokens and a real SQLite
# file: enroll, backup codes, verify, lose, replace, history; hashes only on disk; kill -9 in
# the middle of 200 recorded burns; two processes writing at once; a held lock reported busy.
source "$(dirname "$0")/lib.bash"
make_scratch
start_stack
export TOKENBURNER_REGISTRY="$SCRATCH/registry/tokens.sqlite" TOKENBURNER_OPERATOR=helpdesk-7
db=$TOKENBURNER_REGISTRY
out="$SCRATCH/out"

# --- The whole story: enroll alice, issue codes, she loses the token, proves who she is with
# a backup code, gets a second token; the history tells it in order.
start_sim --model OTPC-P2-i
hex=$(random_hex 20)
echo "0x$hex" | tb burn --secret-stdin --user alice --service Jira --json >"$out.burn1" 2>&1 ||
  fail "enroll burn exited $?: $(cat "$out.burn1")"
first=$(jq -r .enrollment_id "$out.burn1")
[[ $first =~ ^[0-9]+$ ]] || fail "no enrollment_id in burn --json: $(cat "$out.burn1")"
[[ $(stat -c %a "$db") == 600 ]] || fail "registry mode is $(stat -c %a "$db"), not 600"
[[ $(stat -c %a "$(dirname "$db")") == 700 ]] || fail "registry directory is not 700"

tb codes generate --user alice --json >"$out.codes" || fail "codes generate exited $?"
mapfile -t codes < <(jq -r '.codes[]' "$out.codes")
expect_eq 10 "${#codes[@]}" "codes in a default set"
for code in "${codes[@]}"; do
  [[ $code =~ ^[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$ ]] ||
    fail "code not in the unambiguous grouped form: $code"
done
expect_eq 10 "$(printf '%s\n' "${codes[@]}" | sort -u | wc -l)" "distinct codes"

echo "${codes[4],,}" | tb codes verify --user alice >"$out.verify" || fail "a fresh code was refused"
grep -q "#5" "$out.verify" || fail "verify does not say which code: $(cat "$out.verify")"
echo "${codes[4]}" | tb codes verify --user alice >/dev/null 2>&1; expect_eq 77 $? "the same code twice"
echo "${codes[5]}" | tb codes verify --user bob >/dev/null 2>&1; expect_eq 77 $? "alice's code for bob"
echo "not-a-code" | tb codes verify --user alice >/dev/null 2>&1; expect_eq 65 $? "a malformed code"

# A sheet that cannot be saved issues nothing: no set is added or revoked, the set in use keeps
# working, and the error says so.
code_sets() { sqlite3 "$db" "SELECT COUNT(*) || ' sets, ' || COUNT(revoked_at) || ' revoked' FROM backup_code_set"; }
sets_before=$(code_sets)
msg=$(tb codes generate --user alice --save "$SCRATCH/no-such-directory/sheet.txt" 2>&1)
expect_eq 65 $? "codes generate --save into a missing directory"
grep -q "nothing was changed: the previous backup codes still work" <<<"$msg" || fail "the failed save does not say what became of the codes: $msg"
expect_eq "$sets_before" "$(code_sets)" "code sets after a failed save"
echo "${codes[3]}" | tb codes verify --user alice >/dev/null || fail "a code of the set in use was refused after a failed save"

tb registry lost --user alice --reason "left on a train" >/dev/null || fail "registry lost exited $?"
echo "${codes[6]}" | tb codes verify --user alice >/dev/null 2>&1; expect_eq 77 $? "a code of a revoked set"
expect_eq lost "$(tb registry list --user alice --json | jq -r '.enrollments[0].status')" "status after lost"

start_sim --model C302-i --serial 8659632000555
hex2=$(random_hex 32)
echo "0x$hex2" | tb burn --secret-stdin --algorithm sha256 --user alice --service Jira --json >"$out.burn2" 2>&1 ||
  fail "replacement burn exited $?"
second=$(jq -r .enrollment_id "$out.burn2")
show=$(tb registry show "$second" --json) || fail "registry show exited $?"
expect_eq "$first" "$(jq -r .enrollment.replaces_id <<<"$show")" "the replacement records what it replaced"
expect_eq replaced "$(tb registry show "$first" --json | jq -r .enrollment.status)" "old enrollment"
fresh_status
expect_eq "$(oath_code "$hex2" sha256 30 "$(sim .token_time)")" "$(sim .code)" "the new token's display"

tb registry history --user alice --json >"$out.history" || fail "history exited $?"
expect_eq "burn codes_issued code_verified code_rejected code_verified lost code_rejected burn" \
  "$(jq -r '[.entries[] | select(.user == "alice") | .action] | join(" ")' "$out.history")" "alice's history"
expect_eq helpdesk-7 "$(jq -r '.entries[0].operator_name' "$out.history")" "operator in the audit log"
jq -e '.entries[-1].detail | test("replaces lost enrollment")' "$out.history" >/dev/null ||
  fail "the last burn does not say it replaced the lost token"
tb registry history --user alice >"$out.history.txt"

# A failed burn leaves an audit row and no enrollment.
stop_sim
wait_card absent || fail "card did not leave"
echo "0x$(random_hex 20)" | tb burn --secret-stdin --user carol >/dev/null 2>&1; expect_eq 69 $? "burn without a card"
expect_eq 0 "$(tb registry list --user carol --json | jq '.enrollments | length')" "enrollments after a failed burn"
expect_eq failure "$(tb registry history --user carol --json | jq -r '.entries[-1].outcome')" "audit of a failed burn"

# Hashes only: no issued code and no secret anywhere in the database files or the history.
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
for file in "$db" "$db-wal" "$out.history" "$out.history.txt"; do
  [[ -f $file ]] || continue
  for code in "${codes[@]}"; do
    grep -qaF -- "$code" "$file" && fail "backup code found in $file"
    grep -qaF -- "${code//-/}" "$file" && fail "backup code (no dashes) found in $file"
  done
  expect_no_secret "$file" "$hex" "$hex2"
  grep -qaF -- "$(echo -n "$hex" | xxd -r -p)" "$file" && fail "raw secret bytes found in $file"
done
expect_eq 10 "$(sqlite3 "$db" "SELECT COUNT(*) FROM backup_code WHERE hash LIKE 'scrypt\$%'")" "stored scrypt hashes"

# --- kill -9 in the middle of 200 recorded burns: every kill leaves a sound file and no
# enrollment without its audit row. Each burn takes the token over from the previous user, so
# every record changes two enrollments and adds one audit row in one transaction.
start_sim --model C302-i --serial 8659632000900
(
  for i in $(seq 1 200); do
    echo "0x$(random_hex 20)" | "$TOKENBURNER_BIN" burn --secret-stdin --user "user$i" --service Wiki >/dev/null 2>&1
  done
) 2>/dev/null &
loop=$!
kills=0
while kill -0 "$loop" 2>/dev/null; do
  sleep "0.$(( RANDOM % 9 + 1 ))"
  pkill -KILL -f "$TOKENBURNER_BIN burn --secret-stdin --user user" && kills=$((kills + 1))
done
(( kills >= 5 )) || fail "only $kills kills landed during the loop"
expect_eq ok "$(sqlite3 "$db" 'PRAGMA integrity_check')" "integrity after $kills kills"
orphans=$(sqlite3 "$db" "SELECT COUNT(*) FROM enrollment e WHERE NOT EXISTS
  (SELECT 1 FROM audit a WHERE a.enrollment_id = e.id AND a.action = 'burn' AND a.outcome = 'success')")
expect_eq 0 "$orphans" "enrollments without their audit row"
expect_eq 1 "$(sqlite3 "$db" "SELECT COUNT(*) FROM enrollment WHERE serial = '8659632000900' AND status = 'active'")" \
  "active enrollments of the reassigned token"
recorded=$(sqlite3 "$db" "SELECT COUNT(*) FROM enrollment WHERE service = 'Wiki'")
(( recorded >= 100 && recorded <= 200 )) || fail "recorded $recorded of 200 burns with $kills kills"

# --- Two processes at once, on the reader's two slots, into the same registry: both succeed.
"$TOKENBURNER_BIN" simulate --port $((VPCD_PORT + 1)) --serial 8659632000901 >>"$SCRATCH/sim2.log" 2>&1 &
sim2=$!
for _ in $(seq 100); do
  tb readers --json | jq -e '[.readers[] | select(.card_present)] | length == 2' >/dev/null && break
  sleep 0.1
done
for round in 1 2 3 4 5; do
  echo "0x$(random_hex 20)" | tb burn --secret-stdin --reader "00 00" --user "left$round" --json >"$out.a" 2>&1 &
  a=$!
  echo "0x$(random_hex 20)" | tb burn --secret-stdin --reader "00 01" --user "right$round" --json >"$out.b" 2>&1 &
  b=$!
  wait "$a"; sa=$?
  wait "$b"; sb=$?
  expect_eq "0 0" "$sa $sb" "round $round of two simultaneous burns ($(cat "$out.a" "$out.b"))"
done
kill "$sim2"; wait "$sim2" 2>/dev/null
expect_eq 10 "$(sqlite3 "$db" "SELECT COUNT(*) FROM enrollment WHERE user LIKE 'left%' OR user LIKE 'right%'")" \
  "enrollments from the simultaneous burns"

# A lock held longer than the busy timeout: a clear "busy", exit 75, nothing changed.
(echo "BEGIN IMMEDIATE;"; sleep 8; echo "ROLLBACK;") | sqlite3 "$db" &
holder=$!
sleep 0.5
msg=$(tb registry lost --user right5 --reason test 2>&1); status=$?
wait "$holder"
expect_eq 75 "$status" "registry lost while another process holds the lock"
grep -q "busy" <<<"$msg" || fail "no busy message: $msg"
expect_eq active "$(tb registry list --user right5 --json | jq -r '.enrollments[0].status')" "status after busy"

# A registry that is not a database is refused, not overwritten.
echo "not sqlite" >"$SCRATCH/bogus.sqlite"
msg=$(tb registry list --registry "$SCRATCH/bogus.sqlite" 2>&1); expect_eq 69 $? "a file that is not a registry"
expect_eq "not sqlite" "$(cat "$SCRATCH/bogus.sqlite")" "the bogus file's content"
echo "  enroll/lose/replace story, hashes only, $kills kills in 200 burns, concurrent writers, busy"
