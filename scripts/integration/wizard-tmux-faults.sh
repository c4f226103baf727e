#!/usr/bin/env bash
# The wizard's burn step through the real stack when the token misbehaves (tmux, pcscd, vpcd,
# `tokenburner simulate` with fault options): a token that leaves the field mid-burn (after
# executing the sixth APDU, WRITE CONFIG) and comes back 1.5 s later (the screen asks for it, the burn
# finishes and says it reconnected, the token holds the key), and an OEM token whose key differs (the truthful refusal, no retry offered,
# exactly one AUTHENTICATE, the failure in the audit log), and the same token dropping the link
# on its AUTHENTICATE (the warning, a first R that only warns, still one AUTHENTICATE).
source "$(dirname "$0")/wizard-lib.bash"

# Task, user and service, the pasted URI, up to the reader step's "Ready".
walk_to_ready() { # uri
  start_wizard "LANG=C.UTF-8 LC_ALL=C.UTF-8" --user ann@example.com --service Acme
  wait_for "Step 1 of 8: Task"
  keys Enter; wait_for "Step 2 of 8"; keys Enter
  wait_for "Step 3 of 8: Secret"
  keys Down
  paste_text "$1"
  keys Enter
  wait_for "Ready: press Enter"
}

walk=token-returns
hex=$(random_hex 20)
b32=$(hex_to_base32 "$hex")
# The simulator counts the reader step's GET INFO and the burn's own check of the serial, so
# APDU 5 is the AUTHENTICATE (whose lost answer ends the burn, walk auth-answer-lost below)
# and APDU 6 the WRITE CONFIG.
start_sim --drop-after-apdu 6 --drop-executes --return-after-ms 1500
walk_to_ready "otpauth://totp/Acme:ann@example.com?secret=$b32&issuer=Acme"
keys Enter
wait_for "The token left the reader: lay it flat on the reader again"
shot burn-waiting
wait_for "Burned: the token holds the new key."
mark_burned
screen | grep -qF "reconnected once and resumed" || fail "the burn does not say it reconnected"
shot burn-reconnected
keys Enter
wait_for "Step 6 of 8: Confirm"
type_token_code
wait_for "The code matches"
keys F10; wait_for "Quit the wizard?"; keys y
wait_for "wizard exited 0"
expect_token_holds "$hex"
echo "  token left mid-burn: asked back, burn finished, token holds the key"

walk=key-refused
head -c 16 /dev/urandom >"$SCRATCH/oem.key"
start_sim --key-file "$SCRATCH/oem.key"
hex=$(random_hex 20)
walk_to_ready "otpauth://totp/Acme:ann@example.com?secret=$(hex_to_base32 "$hex")&issuer=Acme"
keys Enter
wait_for "The token refused the authentication key (69 83)"
shot burn-key-refused
screen | grep -qF "R retry" && fail "a retry is offered after the token refused the key"
keys r; sleep 0.5
screen | grep -qF "The token refused the authentication key" || fail "R did something after a refusal"
expect_eq 1 "$(jq -r .authenticate_commands "$status")" "AUTHENTICATE commands sent"
keys F10; wait_for "Quit the wizard?"; keys y
wait_for "wizard exited 0"
history=$(tb registry history --user ann@example.com --json) || fail "registry history exited $?"
expect_eq "failure" "$(jq -r '[.entries[] | select(.action == "burn")] | last | .outcome' <<<"$history")" \
  "audit row of the refused burn"
echo "  key refused: said truthfully, no retry, one AUTHENTICATE, audited"

walk=auth-answer-lost
start_sim --key-file "$SCRATCH/oem.key" --lock-after 2 --drop-after-apdu 5 --drop-executes --return-after-ms 1000
hex=$(random_hex 20)
walk_to_ready "otpauth://totp/Acme:ann@example.com?secret=$(hex_to_base32 "$hex")&issuer=Acme"
keys Enter
wait_for "may have refused the key; check it before retrying"
shot burn-auth-answer-lost
screen | grep -qF "R retry after checking" || fail "the retry does not ask for the token to be checked first"
keys r
wait_for "Press R again only once the key is checked"
screen | grep -qF "Step 5 of 8: Burn" || fail "the first R left the burn step"
sleep 0.5
expect_eq 1 "$(jq -r .authenticate_commands "$status")" "AUTHENTICATE commands after a lost answer"
expect_eq false "$(jq -r .locked "$status")" "the token locked after a lost AUTHENTICATE answer"
keys F10; wait_for "Quit the wizard?"; keys y
wait_for "wizard exited 0"
echo "  AUTHENTICATE answer lost: said truthfully, retry only after a warning, one AUTHENTICATE"
keep_shots
