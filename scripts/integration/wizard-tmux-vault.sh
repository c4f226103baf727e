#!/usr/bin/env bash
# The wizard's vault features in a real terminal (tmux) against pcscd + vpcd + `tokenburner
# simulate`, with a vault set up by the CLI (cheap scrypt, passphrases from files):
#  - "Register a non-programmable token": a wrong passphrase is refused and changes nothing;
#    the serial is read from a photo of the label (a Code 128 barcode drawn by zint, then
#    tilted, blurred and saved as JPEG by ImageMagick); the seed imported from an
#    OATH CSV is found in the vault, revealed as a QR code whose otpauth URI (decoded with
#    zbarimg) holds the file's seed; the code `tokenburner code` and oathtool agree on confirms
#    it; backup codes are issued; the registry holds the enrollment and a `register` row.
#  - "Replace a lost token" with the same key from the vault: the CLI burned the first token
#    with --keep-secret; the wizard marks it lost, takes its key from the vault (with the
#    warning that the lost token keeps working) and burns a second simulated token, which then
#    shows oathtool's code for the original secret; the vault keeps both copies.
#  - The Enroll task's Vault step: "Yes" keeps the burned key (one more kept secret), "No"
#    keeps nothing.
# No key, passphrase or backup code is left in the scrollback, and no revealed key is shot.
source "$(dirname "$0")/wizard-lib.bash"
LANG=C.UTF-8

pp="$INPUTS/passphrase"
printf 'wizard vault passphrase %s\n' "$(random_hex 6)" >"$pp"
passphrase=$(head -1 "$pp")  # its random part is recorded by random_hex
tb vault init --passphrase-file "$pp" --scrypt-n 32768 >/dev/null || fail "vault init exited $?"

# The number of enrollment secrets the vault keeps (no passphrase needed).
kept_secrets() { tb vault status --json | jq -r '.enrollment_secrets'; }

# The current code for hex seed $1 by `tokenburner code` (secret on stdin), checked against
# oathtool at the same moment, once at least 4 s are left in its step.
current_code() { # hex
  local json at code
  for _ in $(seq 10); do
    json=$(echo "0x$1" | tb code --secret-stdin --json) || fail "tokenburner code exited $?"
    (( $(jq -r .seconds_left <<<"$json") >= 4 )) && break
    sleep 1
  done
  at=$(jq -r .time <<<"$json"); code=$(jq -r .code <<<"$json")
  expect_eq "$(oath_code "$1" sha1 30 "$at")" "$code" "tokenburner code vs oathtool ($walk)"
  echo "$code"
}

# Burn, confirm with the token's code, take the backup codes (sets $walk_codes) and finish:
# from "Ready: press Enter" on the reader step to the Done screen.
burn_confirm_finish() { # confirm-step-title
  wait_for "Ready: press Enter"
  keys Enter
  wait_for "Burned: the token holds the new key."
  mark_burned
  keys Enter
  wait_for "$1"
  type_token_code
  wait_for "The code matches"
  keys Enter
  wait_for "10.   "
  walk_codes=$(screen_codes)
  record_backup_code $walk_codes
  expect_eq 10 "$(grep -c . <<<"$walk_codes")" "backup codes on the screen ($walk)"
  keys w; keys Enter
  wait_for "Enrollment finished."
}

# --- Walk A: register a factory-seeded token from a seed in the vault.
walk=register
user=carol@example.com
serial=8651000042
seed=$(random_hex 20)
seed_b32=$(hex_to_base32 "$seed" | tr -d =)
printf '# version: 2\ncarol, ldap, helpdesk, %s, %s, totp, 6, 30\n' "$serial" "$seed" >"$INPUTS/seeds.csv"
tb seeds import "$INPUTS/seeds.csv" --passphrase-file "$pp" >/dev/null || fail "seeds import exited $?"
zint -b 20 --scale=3 -d "$serial" -o "$INPUTS/label.png" 2>/dev/null || fail "zint failed"
convert "$INPUTS/label.png" -bordercolor white -border 40 -rotate 3 -blur 0x0.8 -quality 75 \
  "$INPUTS/label.jpg" || fail "convert failed"
kept_before=$(kept_secrets)

start_wizard "LANG=C.UTF-8"
wait_for "Step 1 of 9: Task"
keys 6
wait_for "Step 2 of 7: User and service"
keys -l "$user"; keys Tab; keys -l Jira; keys Enter
wait_for "Step 3 of 7: Token and seed"
wait_for "Serial        [_"
shot token-and-seed
# A wrong passphrase: refused, the field emptied and focused again.
keys -l "$serial"; keys Tab; keys -l "not the vault passphrase"; keys Enter
wait_for "Wrong vault passphrase; nothing was changed."
wait_for "Passphrase    [_"
wait_for "Serial        [$serial "
shot wrong-passphrase
# Tab once more stays on the masked field (never back to the clear-text serial); Up goes back.
keys Tab
wait_for "Passphrase    [_"
# The serial from a photo of the label instead: the path is replaced by the serial it holds.
keys Up; keys BSpace; for _ in $(seq ${#serial}); do keys BSpace; done
keys -l "$INPUTS/label.jpg"; keys Enter
wait_for_text "Read the serial $serial from label.jpg. Check it against the label."
wait_for "Serial        [$serial "
# The focus is on the passphrase field again: type it (masked) and look the seed up.
wait_for "Passphrase    [_"
keys -l "$passphrase"
wait_for_text "Passphrase [•••••"
screen | grep -qF -- "${passphrase:0:8}" && fail "the passphrase is shown ($walk)"
keys Enter
wait_for "Step 4 of 7: Key for the service"
wait_for "Found the seed of token $serial in the vault."
wait_for "Key       •••• •••• •••• ••••"
screen | grep -qE 'Key +[A-Z2-7]{4} ' && fail "the key is shown before it is revealed ($walk)"
shot key-hidden
keys C-r
wait_for "Ctrl-R hide"
screen_qr_to_pbm "$REVEALED/qr.pbm"
payload=$(zbarimg --raw -q "$REVEALED/qr.pbm" 2>/dev/null)
rm -f "$REVEALED/qr.pbm"
[[ $payload == otpauth://totp/* ]] || fail "no otpauth URI in the QR code on screen ($walk)"
expect_eq "$seed_b32" "$(sed -E 's/.*[?&]secret=([^&]*).*/\1/' <<<"$payload")" "the secret in the QR code ($walk)"
payload=""
keys C-r
wait_for "Ctrl-R show"
wait_for "Key       •••• •••• •••• ••••"
keys Enter
wait_for "Step 5 of 7: Confirm"
keys -l "$(current_code "$seed")"; keys Enter
wait_for "The code matches"
keys Enter
wait_for "Step 6 of 7: Backup codes"
wait_for "10.   "
codes=$(screen_codes)
record_backup_code $codes
expect_eq 10 "$(grep -c . <<<"$codes")" "backup codes on the screen ($walk)"
keys w; keys Enter
wait_for "Enrollment finished."
screen | grep -qE "Token +$serial \(.*factory-seeded\)" || { screen >&2; fail "the Done screen names no factory-seeded token ($walk)"; }
shot done
keys Enter
wait_for "wizard exited 0"
expect_not_in_history "the factory seed" "$seed_b32
$(sed 's/.\{4\}/& /g; s/ $//' <<<"$seed_b32")
$seed"
expect_not_in_history "the vault passphrase" "$passphrase"
expect_not_in_history "a backup code" "$codes"

list=$(tb registry list --user "$user" --json) || fail "registry list exited $?"
expect_eq "$serial active" "$(jq -r '.enrollments[0] | "\(.serial) \(.status)"' <<<"$list")" "the registered token ($walk)"
tb codes verify --user "$user" <<<"$(sed -n 3p <<<"$codes")" >/dev/null || fail "a backup code of the walk was refused ($walk)"
tb registry history --user "$user" --json | jq -e '[.entries[] | select(.action == "register")] | length == 1' >/dev/null ||
  fail "the history has no register row ($walk)"
expect_eq "$kept_before" "$(kept_secrets)" "kept secrets after registering a factory token"
echo "  register walk: wrong passphrase refused, serial read from a photo of its Code 128 label, seed found, QR = file's seed, code = oathtool, codes issued"

# --- Walk B: replace a lost token with the same key, taken from the vault.
walk=replace-from-vault
user=ann@example.com
hex=$(random_hex 20)
echo "0x$hex" | tb burn --secret-stdin --user "$user" --service Jira --keep-secret --passphrase-file "$pp" --json \
  >"$SCRATCH/first.json" 2>"$SCRATCH/first.err" || fail "burn --keep-secret exited $?: $(cat "$SCRATCH/first.err")"
first_id=$(jq -r .enrollment_id "$SCRATCH/first.json")
kept_before=$(kept_secrets)
start_sim --serial 8659632000002
start_wizard "LANG=C.UTF-8" --reader virtual
wait_for "Step 1 of 9: Task"
keys 4
wait_for "Step 2 of 10: User and service"
keys -l "$user"; keys Enter
wait_for "Step 3 of 10: Lost token"
wait_for "8659632000001 (enrollment #$first_id)"
keys -l "left in a taxi"; keys Enter
wait_for "is marked lost"
wait_for_text "The vault keeps its key: the next step offers it."
shot marked
keys Enter
wait_for "Step 4 of 10: Secret"
wait_for "The same key again, from the vault"
keys Down; keys Down
wait_for_text "The lost token keeps working with this key until each service changes its secret."
shot vault-choice
keys -l "$passphrase"
wait_for_text "Passphrase [•••••"
keys Enter
wait_for_text "Took the key of enrollment #$first_id from the vault. The lost token keeps working with it until each service changes its secret. Press Enter to go on."
shot vault-key-taken
# The key is settled: no Vault step any more, so the walk has nine steps, not ten.
keys Enter
wait_for "Step 5 of 9: Reader and token"
burn_confirm_finish "Step 7 of 9: Confirm"
wait_for_text "replaces lost enrollment #$first_id"
wait_for_text "its key is kept in the vault"
shot done
keys Enter
wait_for "wizard exited 0"
expect_not_in_history "the lost token's key" "$(hex_to_base32 "$hex" | tr -d =)
$hex"
expect_not_in_history "the vault passphrase" "$passphrase"
expect_not_in_history "a backup code" "$walk_codes"
expect_token_holds "$hex"
expect_eq $(( kept_before + 1 )) "$(kept_secrets)" "kept secrets after the replacement"
tb vault unlock-check --passphrase-file "$pp" >/dev/null || fail "vault unlock-check exited $? ($walk)"
list=$(tb registry list --user "$user" --json) || fail "registry list exited $?"
expect_eq "8659632000002 active $first_id" \
  "$(jq -r '.enrollments[0] | "\(.serial) \(.status) \(.replaces_id)"' <<<"$list")" "the replacement ($walk)"
echo "  replace-from-vault walk: token lost, its key taken from the vault, second token burned with it (oathtool agrees)"

# --- Walk C: Enroll with the Vault step, Yes (kept) and then No (nothing kept).
enroll_walk() { # choice(1|2) user
  local choice=$1 user=$2 key_hex b32
  key_hex=$(random_hex 20)
  b32=$(hex_to_base32 "$key_hex" | tr -d =)
  start_sim --serial "$3"
  start_wizard "LANG=C.UTF-8" --reader virtual
  wait_for "Step 1 of 9: Task"
  keys 1
  wait_for "Step 2 of"
  keys -l "$user"; keys Tab; keys -l Confluence; keys Enter
  wait_for "Step 3 of 9: Secret"
  keys Down
  paste_text "$b32"
  keys Enter
  wait_for "Step 4 of 9: Vault"
  wait_for "Keep this key in the vault?"
  keys "$choice"
  if [[ $choice == 2 ]]; then
    wait_for "Passphrase    [_"
    keys -l "$passphrase"
    wait_for_text "Passphrase [•••••"
    shot vault-yes
  fi
  keys Enter
  wait_for "Step 5 of 9: Reader and token"
  burn_confirm_finish "Step 7 of 9: Confirm"
  shot done
  if [[ $choice == 2 ]]; then
    wait_for_text "its key is kept in the vault"
  else
    screen_text | grep -qF "kept in the vault" && fail "the Done screen says the key is kept ($walk)"
  fi
  keys Enter
  wait_for "wizard exited 0"
  expect_not_in_history "the enrolled key" "$b32
$key_hex"
  expect_not_in_history "the vault passphrase" "$passphrase"
  expect_not_in_history "a backup code" "$walk_codes"
  expect_token_holds "$key_hex"
}
walk=enroll-keep
kept_before=$(kept_secrets)
enroll_walk 2 dora@example.com 8659632000003
expect_eq $(( kept_before + 1 )) "$(kept_secrets)" "kept secrets after Enroll with Yes"
walk=enroll-no-keep
enroll_walk 1 eve@example.com 8659632000004
expect_eq $(( kept_before + 1 )) "$(kept_secrets)" "kept secrets after Enroll with No"
tb vault unlock-check --passphrase-file "$pp" >/dev/null || fail "vault unlock-check exited $? ($walk)"
echo "  enroll walks: Vault step Yes keeps the key (passphrase masked), No keeps nothing"
keep_shots
