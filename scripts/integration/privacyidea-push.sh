#!/usr/bin/env bash
# privacyIDEA 3.14 end to end: a simulated token burned for alice, pushed with `tokenburner
# push`, then judged by the server itself (curl to /validate/check with oathtool's codes); an
# existing serial not replaced, a rollover only when asked, a refused credential answered once
# (exit 77), a loose credential file refused, a server that is down leaving the push pending
# (exit 75), and no secret in anything the tool wrote.
source "$(dirname "$0")/lib.bash"
make_scratch
here="$(cd "$(dirname "$0")/.." && pwd)"
start_stack
export TOKENBURNER_REGISTRY="$SCRATCH/registry/tokens.sqlite" TOKENBURNER_OPERATOR=helpdesk-3
out="$SCRATCH/out"

# The run's server (scripts/with-privacyidea.sh), or one of our own when run alone.
if [[ -n ${PRIVACYIDEA_SANDBOX_DIR:-} ]]; then
  pi_dir=$PRIVACYIDEA_SANDBOX_DIR
else
  # Under $INPUTS: its files hold the admin password and token, which the leak check skips there.
  pi_dir="$INPUTS/privacyidea"
  "$here/privacyidea-sandbox.sh" start "$pi_dir" || fail "the privacyIDEA test server did not start"
  trap 'stop_sim; "$SANDBOX_SCRIPT" stop "$SCRATCH/pcscd" >/dev/null 2>&1; "$here/privacyidea-sandbox.sh" stop "$pi_dir"; remove_scratch' EXIT
fi
eval "$("$here/privacyidea-sandbox.sh" env "$pi_dir")"
url=$PRIVACYIDEA_URL
record_backup_code "$(cat "$pi_dir/api-key")" "$(cat "$pi_dir/admin-password")"

# The tool's configuration: the key file is an input (the leak check skips $INPUTS).
export XDG_CONFIG_HOME="$SCRATCH/xdg-config"
mkdir -p -m 700 "$XDG_CONFIG_HOME/tokenburner"
install -m 600 "$pi_dir/api-key" "$INPUTS/pi-key"
write_config() { # KEYFILE [URL]
  cat >"$XDG_CONFIG_HOME/tokenburner/config.toml" <<TOML
[privacyidea]
url = "${2:-$url}"
realm = "helpdesk"
api_key_file = "$1"
TOML
}
write_config "$INPUTS/pi-key"

# oathtool's code for hex $1 at Unix time $2 (SHA-1, 6 digits, 30 s).
code_at() { oathtool --totp -N "@$2" "$1"; }
# The server's verdict on user $1's code $2: ACCEPT or REJECT.
server_check() {
  curl -s --data-urlencode "user=$1" --data-urlencode "realm=helpdesk" --data-urlencode "pass=$2" \
    "$url/validate/check" | jq -r .result.authentication
}
server_token() { # SERIAL -> "user@realm" of the server's token, "none" without one
  curl -s -H @"$pi_dir/auth-header" "$url/token/?serial=$1" |
    jq -r 'if .result.value.count == 0 then "none" else .result.value.tokens[0] | "\(.username)@\(.user_realm)" end'
}
requests_logged() { grep -c ' HTTP/1.1' "$pi_dir/server.log"; }

# --- Burn for alice, push, and let the server judge a code the push did not use.
start_sim --model OTPC-P2-i
hex=$(random_hex 20)
echo "0x$hex" | tb burn --secret-stdin --user alice --json >"$out.burn1" 2>&1 ||
  fail "burn exited $?: $(cat "$out.burn1")"
id=$(jq -r .enrollment_id "$out.burn1")
serial=$(jq -r .serial "$out.burn1")
[[ $id =~ ^[0-9]+$ && -n $serial && $serial != null ]] || fail "no enrollment or serial: $(cat "$out.burn1")"
expect_eq none "$(server_token "$serial")" "the server before the push"

chmod 644 "$INPUTS/pi-key"
echo "0x$hex" | tb push --enrollment "$id" --secret-stdin >"$out.loose" 2>&1
expect_eq 77 $? "push with a 0644 key file"
grep -q "mode 644" "$out.loose" || fail "the loose key file was not named: $(cat "$out.loose")"
chmod 600 "$INPUTS/pi-key"

echo "0x$(random_hex 20)" | tb push --enrollment "$id" --secret-stdin >"$out.other" 2>&1
expect_eq 65 $? "push with a secret the enrollment did not record"

echo "0x$hex" | tb push --enrollment "$id" --secret-stdin --json >"$out.push1" 2>&1 ||
  fail "push exited $?: $(cat "$out.push1")"
expect_eq "$serial enrolled true" "$(jq -r '.privacyidea | "\(.serial) \(.status) \(.verified)"' "$out.push1")" \
  "push --json"
expect_eq "alice@helpdesk" "$(server_token "$serial")" "the server's token after the push"
now=$(date +%s)
# The push used the current step; the server's window takes the next one, and it is the
# secret's code (oathtool), not any six digits.
expect_eq REJECT "$(server_check alice "$(code_at "$(random_hex 20)" $((now + 30)))")" "another key's code"
expect_eq ACCEPT "$(server_check alice "$(code_at "$hex" $((now + 30)))")" "the burned key's next code"

# --- A re-burn with a new key: the serial exists at the server, so no silent replacement.
hex2=$(random_hex 20)
echo "0x$hex2" | tb burn --secret-stdin --user alice --json >"$out.burn2" 2>&1 ||
  fail "re-burn exited $?: $(cat "$out.burn2")"
expect_eq "$id" "$(jq -r .enrollment_id "$out.burn2")" "the re-burn's enrollment"
echo "0x$hex2" | tb push --enrollment "$id" --secret-stdin --json >"$out.push2" 2>&1
expect_eq 65 $? "push onto an existing serial"
expect_eq "failed false" "$(jq -r '.privacyidea | "\(.status) \(.verified)"' "$out.push2")" "refused push --json"
grep -q "already exists" "$out.push2" || fail "the refusal does not say why: $(cat "$out.push2")"
expect_eq ACCEPT "$(server_check alice "$(code_at "$hex" $((now + 60)))")" "the old key after the refused push"
echo "0x$hex2" | tb push --enrollment "$id" --secret-stdin --rollover --json >"$out.push3" 2>&1 ||
  fail "push --rollover exited $?: $(cat "$out.push3")"
expect_eq "enrolled true" "$(jq -r '.privacyidea | "\(.status) \(.verified)"' "$out.push3")" "rollover --json"
now=$(date +%s)
expect_eq ACCEPT "$(server_check alice "$(code_at "$hex2" $((now + 90)))")" "the new key after the rollover"

# --- A wrong key: refused with 77, and one request reached the server (no retry loop).
printf 'eyJhbGciOiJIUzI1NiJ9.eyJ3cm9uZyI6MX0.c2lnbmF0dXJl' >"$INPUTS/bad-key"
chmod 600 "$INPUTS/bad-key"
write_config "$INPUTS/bad-key"
before=$(requests_logged)
echo "0x$hex2" | tb push --enrollment "$id" --secret-stdin --rollover >"$out.badkey" 2>&1
expect_eq 77 $? "push with a wrong key"
sleep 0.5
expect_eq 1 "$(($(requests_logged) - before))" "requests the refused push sent"

# --- Nothing listens: pending, exit 75.
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
write_config "$INPUTS/pi-key" "http://127.0.0.1:$closed"
echo "0x$hex2" | tb push --enrollment "$id" --secret-stdin --rollover --json >"$out.down" 2>&1
expect_eq 75 $? "push to a server that is down"
expect_eq pending "$(jq -r .privacyidea.status "$out.down")" "push --json with the server down"
write_config "$INPUTS/pi-key"

# --- No secret in what the tool printed or stored.
for file in "$out".* "$TOKENBURNER_REGISTRY" ${IT_TRANSCRIPT:+"$IT_TRANSCRIPT"}; do
  expect_no_secret "$file" "$hex" "$hex2"
  grep -qF -- "$(cat "$pi_dir/api-key")" "$file" && fail "the API key is in $file"
done
echo "  privacyidea-push: enrolled, verified by the server, serial kept, rollover on request, 77, 75, no leak"
