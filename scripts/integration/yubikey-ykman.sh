#!/usr/bin/env bash
# YubiKey OATH with Yubico's ykman as the oracle, through the real stack: a private pcscd with
# the vpcd driver, `tokenburner simulate --model yubikey` (NFC-style ATR) and ykman 5.9.2 from
# .venv/ykman (scripts/install-deps.sh test) as separate processes. ykman writes credentials
# into the simulator (SHA-1/30, SHA-256/60, touch, then a password); ykman's names and codes
# must equal oathtool's, and `tokenburner accounts` must list what ykman listed.
source "$(dirname "$0")/lib.bash"
YKMAN=${YKMAN:-"$(cd "$(dirname "$0")/../.." && pwd)/.venv/ykman/bin/ykman"}
[[ -x $YKMAN ]] || fail "ykman not found at $YKMAN (run scripts/install-deps.sh test)"
make_scratch
start_stack
# The sandbox has two vpcd slots, so ykman needs the full reader name (a part matches both).
READER="Virtual PCD 00 00"
ykm() { "$YKMAN" --reader "$READER" "$@"; }
# expect_code_in HEX START END CODE WHAT: CODE is oathtool's SHA-1/30 code for HEX at START or at
# END (the card computed it at some moment in between; a step may have ended meanwhile).
expect_code_in() {
  local a b
  a=$(oath_code "$1" sha1 30 "$2"); b=$(oath_code "$1" sha1 30 "$3")
  [[ $4 == "$a" || $4 == "$b" ]] || fail "$5: expected $a or $b (oathtool), got '$4'"
}

start_sim --model yubikey --firmware 5.7.1
wait_status '.in_field == true' || fail "the simulated YubiKey is not in the field"
out=$(ykm oath info) || fail "ykman oath info exited $?: $out"
grep -q "OATH version: *5.7.1" <<<"$out" || fail "ykman does not see firmware 5.7.1: $out"
grep -q "Password protection: *disabled" <<<"$out" || fail "ykman sees a password: $out"

# Three credentials: SHA-1/30 s, SHA-256/60 s/8 digits, SHA-1/30 s with touch.
hex1=$(random_hex 20); hex2=$(random_hex 32); hex3=$(random_hex 10)
ykm oath accounts add -o TOTP "Example:alice@example.com" "$(hex_to_base32 "$hex1")" >/dev/null ||
  fail "ykman could not add the SHA-1 account"
ykm oath accounts add -o TOTP -a SHA256 --period 60 --digits 8 "Sixty:bob" \
  "$(hex_to_base32 "$hex2")" >/dev/null || fail "ykman could not add the SHA-256/60 account"
ykm oath accounts add -o TOTP -t "Touch:carol" "$(hex_to_base32 "$hex3")" >/dev/null ||
  fail "ykman could not add the touch account"
wait_status '.credentials == 3' || fail "the simulator holds $(sim .credentials) credentials, not 3"

# A password set with ykman: from now on every ykman command needs it.
ykm oath access change -n "correct horse" >/dev/null || fail "ykman could not set the password"
wait_status '.has_password == true' || fail "the simulator did not take the password"
expect_status 1 "ykman without the password" ykm oath accounts list

listed=$(ykm oath accounts list -p "correct horse" -H -o -P) || fail "ykman list exited $?"
expect_eq "Example:alice@example.com, TOTP, 30
60/Sixty:bob, TOTP, 60
Touch:carol, TOTP, 30" "$listed" "ykman's account list"

# Codes: ykman's equal oathtool's for the same moment (retried across a step boundary).
# The touch account is touched at once (the simulator's default).
for _ in 1 2 3; do
  now=$(date +%s)
  codes=$(ykm oath accounts code -p "correct horse") || fail "ykman code exited $?"
  [[ $(date +%s) -eq $now ]] && break
done
c1=$(awk '$1 == "Example:alice@example.com" {print $2}' <<<"$codes")
c2=$(awk '$1 == "60/Sixty:bob" {print $2}' <<<"$codes")
expect_eq "$(oath_code "$hex1" sha1 30 "$now")" "$c1" "SHA-1/30 code (ykman vs oathtool)"
expect_eq "$(oathtool --totp=sha256 -d 8 -s 60s -N "@$now" "$hex2")" "$c2" \
  "SHA-256/60 code (ykman vs oathtool)"
grep -q "Touch:carol *\[Requires Touch\]" <<<"$codes" || fail "touch account not marked: $codes"
start=$(date +%s)
touch_code=$(ykm oath accounts code -p "correct horse" Touch 2>/dev/null | awk '{print $2}')
expect_code_in "$hex3" "$start" "$(date +%s)" "$touch_code" "touch code (ykman vs oathtool)"
fresh_status
expect_eq 1 "$(sim .touches_received)" "touches the simulator waited for"

# tokenburner lists what ykman wrote; the password comes from a file, never argv.
record_backup_code "correct horse" "wrong horse"
printf 'correct horse\n' >"$INPUTS/password"
out=$(tb accounts --reader "$READER" --json --password-file "$INPUTS/password") ||
  fail "tokenburner accounts exited $?"
expect_eq "$(cut -d, -f1 <<<"$listed")" "$(jq -r '.accounts[].name' <<<"$out")" \
  "tokenburner's names vs ykman's"
expect_eq "30 60 30" "$(jq -r '[.accounts[].period] | join(" ")' <<<"$out")" "periods"
expect_eq "SHA1 SHA256 SHA1" "$(jq -r '[.accounts[].algorithm] | join(" ")' <<<"$out")" "hashes"
expect_eq "false false true" "$(jq -r '[.accounts[].touch] | join(" ")' <<<"$out")" "touch"
expect_eq "3/64 true" "$(jq -r '"\(.capacity_used)/\(.capacity_total) \(.password_set)"' <<<"$out")" \
  "capacity and password"
expect_eq "$(sim .device_id)" "$(jq -r .device_id <<<"$out")" "device id"
human=$(tb accounts --reader "$READER" --password-file "$INPUTS/password") ||
  fail "tokenburner accounts (human) exited $?"
grep -q "^60/Sixty:bob  TOTP SHA256, 60 s$" <<<"$human" || fail "human list: $human"

# A wrong password: exactly one VALIDATE reaches the key, exit 77; no password at all: 77.
printf 'wrong horse\n' >"$INPUTS/wrong"
fresh_status
before=$(sim .validate_commands)
expect_status 77 "accounts with a wrong password" \
  tb accounts --reader "$READER" --password-file "$INPUTS/wrong"
fresh_status
expect_eq $((before + 1)) "$(sim .validate_commands)" "VALIDATE commands for one wrong password"
expect_status 77 "accounts without a password source" tb accounts --reader "$READER" </dev/null

# A key that holds one credential and is touched only on SIGUSR2: the second add is refused
# (6A 84) and the first is still there; a touch code comes after the signal.
start_sim --model yubikey --firmware 5.4.3 --capacity 1 --touch-on-signal
wait_status '.in_field == true' || fail "the second simulated YubiKey is not in the field"
ykm oath accounts add -o TOTP -t "Touch:dave" "$(hex_to_base32 "$hex3")" >/dev/null ||
  fail "ykman could not add to the one-credential key"
if msg=$(ykm oath accounts add -o TOTP "Example:erin" "$(hex_to_base32 "$hex1")" 2>&1); then
  fail "ykman added a second credential to a full key: $msg"
fi
wait_status '.credentials == 1 and .capacity == 1' || fail "the full key does not hold exactly 1"
start=$(date +%s)
ykm oath accounts code Touch >"$SCRATCH/touch-code.txt" 2>&1 &
ykman_pid=$!
# The touch: SIGUSR2 every half second until ykman has its code (a signal that comes before
# the key waits for the touch is dropped, as a tap before the key blinks).
sleep 1
while kill -0 "$ykman_pid" 2>/dev/null; do
  kill -USR2 "$SIM_PID"
  sleep 0.5
done
wait "$ykman_pid" || fail "ykman's touch code exited $?: $(cat "$SCRATCH/touch-code.txt")"
expect_code_in "$hex3" "$start" "$(date +%s)" \
  "$(awk '$1 == "Touch:dave" {print $2}' "$SCRATCH/touch-code.txt")" \
  "touch code after SIGUSR2 (ykman vs oathtool)"
fresh_status
expect_eq "1 1" "$(sim '"\(.touch_requests) \(.touches_received)"')" "touches asked for and received"
out=$(tb accounts --reader "$READER" --json) || fail "tokenburner accounts exited $?"
expect_eq "1/32 false" "$(jq -r '"\(.capacity_used)/\(.capacity_total) \(.password_set)"' <<<"$out")" \
  "capacity before 5.7 (tokenburner accounts)"

# A Token2 token is not a YubiKey: accounts says so and exits 69.
start_sim --model C302-i
msg=$(tb accounts --reader "$READER" 2>&1); status=$?
expect_eq 69 "$status" "accounts on a Token2 token"
grep -q "no OATH applet" <<<"$msg" || fail "accounts on a Token2 token: $msg"
echo "  ykman and tokenburner agree with oathtool on the simulated YubiKey"
