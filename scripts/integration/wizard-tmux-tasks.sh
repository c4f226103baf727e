#!/usr/bin/env bash
# The wizard's Task choices "Verify a backup code" and "Replace a lost token", in a real
# terminal (tmux) against pcscd + vpcd + `tokenburner simulate`. The CLI enrolls a user and
# issues backup codes; the wizard then accepts one code and refuses it the second time, marks
# the user's token lost (its codes are revoked) and burns a second simulated token as its
# replacement. The registry history shows the loss and the replacement burn, the new
# enrollment names the lost one in replaces_id, and no code or key is left in the scrollback.
# Last, "Re-burn / resync a token" reads that token and burns it again: the same enrollment.
source "$(dirname "$0")/wizard-lib.bash"
LANG=C.UTF-8
user=ann@example.com

# Set-up with the CLI: the first token enrolled for the user, and a set of backup codes.
echo "0x$(random_hex 20)" | tb burn --secret-stdin --user "$user" --service Acme --json \
  >"$SCRATCH/first.json" 2>"$SCRATCH/first.err" || fail "the CLI burn exited $?"
first_id=$(tb registry list --user "$user" --json | jq -r '.enrollments[0].id')
codes=$(tb codes generate --user "$user" --json | jq -r '.codes[]') || fail "codes generate exited $?"
code=$(head -1 <<<"$codes")
[[ $code =~ ^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$ ]] || fail "no backup code from codes generate"

walk=verify-code
start_wizard "LANG=C.UTF-8"
wait_for "Step 1 of 8: Task"
keys 3
wait_for "Step 2 of 2: Verify a backup code"
keys -l "$user"; keys Enter
paste_text "$code"
wait_for "•••••••••••••••••_"
shot typed
keys Enter
wait_for "Accepted: code #1 for token 8659632000001, now used up; 9 left."
shot accepted
paste_text "$code"
keys Enter
wait_for "Refused: the code is wrong, used or revoked."
shot refused
keys Escape
wait_for "Step 1 of"
keys F10
wait_for "wizard exited 0"
expect_not_in_history "a backup code" "$codes"
echo "  verify-code walk: a code accepted once, then refused; no code in the scrollback"

walk=replace-lost
start_sim --serial 8659632000002
start_wizard "LANG=C.UTF-8" --reader virtual
wait_for "Step 1 of 8: Task"
keys 4
wait_for "Step 2 of 9: User and service"
keys -l "$user"; keys Enter
wait_for "Step 3 of 9: Lost token"
wait_for "8659632000001 (enrollment #$first_id)"
keys -l "left on a train"; keys Enter
wait_for "Token 8659632000001 is marked lost"
shot marked
keys Enter
wait_for "Step 4 of 9: Secret"
keys Down
b32=$(random_hex 20 | xxd -r -p | base32 | tr -d '=\n')
paste_text "$b32"
keys Enter
wait_for "Step 5 of 9: Reader and token"
wait_for "Ready: press Enter"
keys Enter
wait_for "Burned: the token holds the new key."
mark_burned
keys Enter
wait_for "Step 7 of 9: Confirm"
type_token_code
wait_for "The code matches"
keys Enter
wait_for "10.   "
new_codes=$(screen_codes)
keys w; keys Enter
wait_for "Enrollment finished."
wait_for "replaces"
shot done
keys Enter
wait_for "wizard exited 0"
expect_not_in_history "the new key" "$b32"
expect_not_in_history "a backup code" "$new_codes"

list=$(tb registry list --user "$user" --json) || fail "registry list exited $?"
expect_eq "8659632000002 active $first_id" \
  "$(jq -r '.enrollments[0] | "\(.serial) \(.status) \(.replaces_id)"' <<<"$list")" "the replacement ($walk)"
expect_eq "8659632000001 replaced left on a train" \
  "$(jq -r '.enrollments[1] | "\(.serial) \(.status) \(.lost_reason)"' <<<"$list")" "the lost token ($walk)"
history=$(tb registry history --user "$user" --json) || fail "registry history exited $?"
jq -e --argjson id "$first_id" '[.entries[] | select(.action == "lost" and .enrollment_id == $id)] | length == 1' \
  <<<"$history" >/dev/null || fail "the history lacks the loss of enrollment #$first_id ($walk)"
new_id=$(jq -r '.enrollments[0].id' <<<"$list")
jq -e --argjson id "$new_id" '[.entries[] | select(.action == "burn" and .enrollment_id == $id and .serial == "8659632000002")] | length >= 1' \
  <<<"$history" >/dev/null || fail "the history lacks the replacement burn ($walk)"
# The lost token's codes were revoked: the second code no longer works.
expect_status 77 "a code of the lost token" tb codes verify --user "$user" <<<"$(sed -n 2p <<<"$codes")"
echo "  replace-lost walk: token marked lost, codes revoked, second token burned as its replacement"

walk=reburn
start_wizard "LANG=C.UTF-8" --reader virtual
wait_for "Step 1 of 8: Task"
keys 5
wait_for "Step 2 of 8: User and service"
keys -l "$user"; keys Tab; keys -l "Acme"; keys Enter
wait_for "Step 3 of 8: Reader and token"
wait_for "Clock drift"
wait_for "Read: press Enter to give the key"
shot read
keys Enter
wait_for "Step 4 of 8: Secret"
keys Down
b32=$(random_hex 20 | xxd -r -p | base32 | tr -d '=\n')
paste_text "$b32"
keys Enter
wait_for "Burned: the token holds the new key."
mark_burned
keys Enter
wait_for "Step 6 of 8: Confirm"
type_token_code
wait_for "The code matches"
keys Enter
wait_for "10.   "
reburn_codes=$(screen_codes)
keys w; keys Enter
wait_for "Enrollment finished."
keys Enter
wait_for "wizard exited 0"
expect_not_in_history "the re-burned key" "$b32"
expect_not_in_history "a backup code" "$reburn_codes"
list=$(tb registry list --user "$user" --json) || fail "registry list exited $?"
expect_eq "2 $new_id active" \
  "$(jq -r '"\(.enrollments | length) \(.enrollments[0].id) \(.enrollments[0].status)"' <<<"$list")" \
  "the same enrollment after the re-burn ($walk)"
tb registry history --user "$user" --json |
  jq -e --argjson id "$new_id" '[.entries[] | select(.action == "burn" and .enrollment_id == $id and (.detail | contains("re-burned")))] | length == 1' \
  >/dev/null || fail "the history lacks the re-burn of enrollment #$new_id ($walk)"
echo "  reburn walk: token read (drift shown), burned again with a pasted key, same enrollment re-burned"
keep_shots
