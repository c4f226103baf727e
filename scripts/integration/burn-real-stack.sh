#!/usr/bin/env bash
# `tokenburner burn` through the real stack (libpcsclite -> private pcscd -> vpcd ->
# `tokenburner simulate`), each a separate process. After every burn the simulated token's
# display must equal oathtool's code for the same secret. Secrets are random per run and go in
# through stdin, files or the environment; no output may contain them.
source "$(dirname "$0")/lib.bash"
make_scratch
start_stack
out="$SCRATCH/out"
export X=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP  # a public test key for refusals that fail before the burn
secrets=()

# burn_and_compare HEX ALGORITHM PERIOD SOURCE: burns, checks the JSON and the display.
burn_and_compare() {
  local hex=$1 alg=$2 period=$3 how=$4 b32 json status writes
  b32=$(hex_to_base32 "$hex" | tr -d '=')
  secrets+=("$hex")
  writes=$(sim .seed_writes)
  case $how in
    hex-stdin) echo "0x$hex" | tb burn --secret-stdin --algorithm "$alg" --period "$period" --json ;;
    base32-file)
      printf '%s\n' "$b32" >"$INPUTS/secret.txt"
      tb burn --secret-file "$INPUTS/secret.txt" --algorithm "$alg" --period "$period" --json ;;
    uri-stdin)
      local upper=${alg^^}
      echo "otpauth://totp/Example:alice@example.com?secret=$b32&issuer=Example&algorithm=$upper&period=$period" |
        tb burn --uri-stdin --json ;;
    env) SECRET_UNDER_TEST=$b32 tb burn --secret-env SECRET_UNDER_TEST --algorithm "$alg" --period "$period" --json ;;
  esac >"$out.json" 2>>"$out.err"
  status=$?
  cat "$out.json" >>"$out.all"
  expect_eq 0 "$status" "burn exit status ($alg/$period s, ${#hex} hex digits, $how)"
  json=$(cat "$out.json")
  expect_eq 6 "$(jq -r .apdu_count <<<"$json")" "apdu_count of a normal burn"
  expect_eq "$alg" "$(jq -r .algorithm <<<"$json")" "algorithm in the JSON"
  expect_eq "$period" "$(jq -r .period <<<"$json")" "period in the JSON"
  expect_eq burned "$(jq -r .token_state <<<"$json")" "token_state"
  for field in serial model restricted display_timeout clock_drift_seconds elapsed_ms; do
    jq -e "has(\"$field\")" <<<"$json" >/dev/null || fail "burn --json lacks $field"
  done
  jq -e 'has("secret") or has("otpauth_uri")' <<<"$json" >/dev/null && fail "burn --json printed a secret"
  wait_status ".seed_writes > $writes and .host_time_ms > $(date +%s%3N)" || fail "no status after the burn"
  expect_eq "$alg" "$(sim .algorithm | tr 'A-Z' 'a-z')" "the token's algorithm"
  expect_eq "$period" "$(sim .period)" "the token's period"
  expect_eq "$(oath_code "$hex" "$alg" "$period" "$(sim .token_time)")" "$(sim .code)" \
    "display vs oathtool ($alg/$period s, $(( ${#hex} / 2 )) bytes, $how)"
}

# An unrestricted and a restricted model, each with every length, both parameter sets.
sources=(hex-stdin base32-file uri-stdin env)
i=0
for model in C302-i OTPC-P2-i; do
  start_sim --model "$model" --clock-offset=-75
  json=$(echo "0x$(random_hex 20)" | tb burn --secret-stdin --json) || fail "first burn on $model"
  drift=$(jq -r .clock_drift_seconds <<<"$json")
  (( drift >= -76 && drift <= -74 )) || fail "$model: drift before the burn: expected -75, got $drift"
  drift=$(jq -r .clock_drift_after_seconds <<<"$json")  # the write may straddle a second boundary
  (( drift >= -1 && drift <= 1 )) || fail "$model: drift after the burn: expected 0 +/- 1, got $drift"
  expect_eq "$([[ $model == OTPC-P2-i ]] && echo true || echo false)" "$(jq -r .restricted <<<"$json")" \
    "$model: restricted"
  for params in "sha1 30" "sha256 60"; do
    for bytes in 10 20 32 63; do
      read -r alg period <<<"$params"
      burn_and_compare "$(random_hex "$bytes")" "$alg" "$period" "${sources[i % 4]}"
      i=$((i + 1))
    done
  done
done

# An image: the otpauth QR a service shows, made with qrencode, through the decode path.
hex=$(random_hex 20); secrets+=("$hex")
b32=$(hex_to_base32 "$hex" | tr -d '=')
echo -n "otpauth://totp/Jira:bob?secret=$b32&issuer=Jira&algorithm=SHA256&period=60" |
  qrencode -o "$SCRATCH/qr.png" -s 6
json=$(tb burn --image "$SCRATCH/qr.png" --json 2>>"$out.err") || fail "burn --image exited $?"
echo "$json" >>"$out.all"
expect_eq sha256 "$(jq -r .algorithm <<<"$json")" "algorithm from the image's URI"
fresh_status
expect_eq "$(oath_code "$hex" sha256 60 "$(sim .token_time)")" "$(sim .code)" "display after burn --image"
rm -f "$SCRATCH/qr.png"

# Human output: progress, the settings and a code to compare; the warning for a short key.
hex=$(random_hex 10); secrets+=("$hex")
echo "0x$hex" | tb burn --secret-stdin >"$out.txt" 2>"$out.err2" || fail "human burn exited $?"
cat "$out.txt" "$out.err2" >>"$out.all"
grep -q "Writing the seed" "$out.txt" || fail "no progress lines"
grep -q "Burned token 8659622000001 (OTPC-P2-i)" "$out.txt" || fail "no success line"
grep -q "clock write erases the seed" "$out.txt" || fail "no restricted-model note"
grep -q "only 10 bytes" "$out.err2" || fail "no short-secret warning"

# --generate --show-secret: the key is printed once, grouped, with its URI; the token shows
# its codes. (Without --show-secret and a terminal, see keys-on-screen.sh.) --user records
# into a registry of the suite's own, never the operator's.
TOKENBURNER_REGISTRY="$SCRATCH/generate.sqlite" tb_revealing burn --generate --show-secret --service "Jira" --user "alice" >"$REVEALED/gen.txt" 2>&1 ||
  fail "burn --generate exited $?"
key=$(sed -n 's/^  Key   //p' "$REVEALED/gen.txt")
[[ $key =~ ^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$ ]] || fail "generated key not in groups of four: '$key'"
uri=$(sed -n 's/^  URI   //p' "$REVEALED/gen.txt")
[[ $uri == otpauth://totp/Jira:alice\?secret=*\&issuer=Jira ]] || fail "generated URI: $uri"
gen_hex=$(base32_to_hex "$key")
[[ ${#gen_hex} -eq 40 ]] || fail "generated key is not 20 bytes"
fresh_status
expect_eq "$(oath_code "$gen_hex" sha1 30 "$(sim .token_time)")" "$(sim .code)" "display after --generate"
json=$(tb burn --generate --algorithm sha256 --json) || fail "burn --generate --json exited $?"
jq -e 'has("secret") or has("otpauth_uri")' <<<"$json" >/dev/null && fail "--generate --json printed the secret without --show-secret"
json=$(tb burn --generate --generate-length 32 --json --show-secret) || fail "--show-secret exited $?"
gen_hex=$(base32_to_hex "$(jq -r .secret <<<"$json")")
[[ ${#gen_hex} -eq 64 ]] || fail "--generate-length 32 gave $(( ${#gen_hex} / 2 )) bytes"
[[ $(jq -r .otpauth_uri <<<"$json") == otpauth://totp/* ]] || fail "no otpauth_uri with --show-secret"
fresh_status
expect_eq "$(oath_code "$gen_hex" sha1 30 "$(sim .token_time)")" "$(sim .code)" "display after --show-secret burn"
expect_status 64 "--show-secret without --generate" tb burn --secret-env X --show-secret

# Accounts the token cannot hold are refused before the reader is touched (65), with reasons.
fresh_status
before=$(sim .commands)
bad_uri() { echo "$1" | tb burn --uri-stdin 2>&1; }
b32=$(hex_to_base32 "$(random_hex 20)" | tr -d '=')
msg=$(bad_uri "otpauth://hotp/A:b?secret=$b32&counter=1"); expect_eq 65 $? "HOTP"
grep -qi "HOTP" <<<"$msg" || fail "HOTP refusal does not say why: $msg"
bad_uri "otpauth://totp/A:b?secret=$b32&digits=8" >/dev/null; expect_eq 65 $? "8 digits"
bad_uri "otpauth://totp/A:b?secret=$b32&algorithm=SHA512" >/dev/null; expect_eq 65 $? "SHA512"
bad_uri "otpauth://totp/A:b?secret=$b32&period=45" >/dev/null; expect_eq 65 $? "45 s"
echo "0x$(random_hex 9)" | tb burn --secret-stdin >/dev/null 2>&1; expect_eq 65 $? "9-byte secret"
echo "0x$(random_hex 64)" | tb burn --secret-stdin >/dev/null 2>&1; expect_eq 65 $? "64-byte secret"
echo "otpauth://totp/A:b?secret=$b32&period=60" | tb burn --uri-stdin --period 30 >/dev/null 2>&1
expect_eq 64 $? "--period contradicting the URI"
fresh_status
expect_eq "$before" "$(sim .commands)" "APDUs sent for refused inputs"

# An unknown serial prefix is read, never authenticated, unless explicitly allowed.
start_sim --serial 1234567000042
msg=$(echo "0x$(random_hex 20)" | tb burn --secret-stdin 2>&1); expect_eq 69 $? "unknown model"
grep -q "1234567000042" <<<"$msg" || fail "unknown model message lacks the serial: $msg"
fresh_status
expect_eq 0 "$(sim .authenticate_commands)" "AUTHENTICATEs sent to an unknown model"
hex=$(random_hex 20); secrets+=("$hex")
echo "0x$hex" | tb burn --secret-stdin --allow-unknown-model --json >"$out.json" 2>>"$out.err" ||
  fail "--allow-unknown-model exited $?"
expect_eq null "$(jq -r .model "$out.json")" "model of an unknown prefix"
expect_eq true "$(jq -r .restricted "$out.json")" "an unknown model counts as restricted"

# A token with another key refuses AUTHENTICATE: exit 77, exactly one AUTHENTICATE, nothing written.
head -c 16 /dev/urandom >"$SCRATCH/oem.key"
start_sim --model OTPC-P2-i --key-file "$SCRATCH/oem.key"
echo "0x$(random_hex 20)" | tb burn --secret-stdin --json >"$out.json" 2>/dev/null; expect_eq 77 $? "wrong key"
fresh_status
expect_eq 1 "$(sim .authenticate_commands)" "AUTHENTICATEs after a refusal"
expect_eq unchanged "$(jq -r .error.token_state "$out.json")" "token_state after a refused key"
expect_eq 0 "$(sim '.config_writes + .seed_writes')" "writes after a refused key"
hex=$(random_hex 20); secrets+=("$hex")
echo "0x$hex" | tb burn --secret-stdin --customer-key-file "$SCRATCH/oem.key" --json >>"$out.all" 2>>"$out.err" ||
  fail "burn with the customer key exited $?"
fresh_status
expect_eq "$(oath_code "$hex" sha1 30 "$(sim .token_time)")" "$(sim .code)" "display after a customer-key burn"

# The same refusing token, but the link drops instead of carrying its answer to AUTHENTICATE
# (APDU 3, executed) and the token is back within a second. The refusal is unknown to the
# host, so it must count as one: exit 75, the warning, no reconnect and no second AUTHENTICATE,
# which on this token (it locks after two refusals) would lock it for good.
for executes in yes no; do
  flags=(--model C302-i --key-file "$SCRATCH/oem.key" --lock-after 2 --drop-after-apdu 3 --return-after-ms 1000)
  [[ $executes == yes ]] && flags+=(--drop-executes)
  start_sim "${flags[@]}"
  echo "0x$(random_hex 20)" | tb burn --secret-stdin --return-timeout 6 --json >"$out.json" 2>"$out.lost"
  expect_eq 75 $? "AUTHENTICATE answer lost (executed: $executes)"
  cat "$out.json" "$out.lost" >>"$out.all"
  jq -r .error.message "$out.json" | grep -qF "the token may have refused the key; check it before retrying" ||
    fail "no warning after a lost AUTHENTICATE answer: $(cat "$out.json")"
  expect_eq unchanged "$(jq -r .error.token_state "$out.json")" "token_state after a lost AUTHENTICATE answer"
  expect_eq unchanged "$(jq -r '.error.possible_states | join(" ")' "$out.json")" "possible_states"
  wait_status '.in_field' || fail "the simulated token did not come back"
  fresh_status
  expect_eq 1 "$(sim .drops)" "drops (executed: $executes)"
  expect_eq "$([[ $executes == yes ]] && echo 1 || echo 0)" "$(sim .authenticate_commands)" \
    "AUTHENTICATEs that reached the token after a lost answer (executed: $executes)"
  expect_eq false "$(sim .locked)" "the token locked after a lost AUTHENTICATE answer"
  expect_eq 0 "$(sim '.config_writes + .seed_writes')" "writes after a lost AUTHENTICATE answer"
done
# Human output says the same, once.
start_sim --model C302-i --key-file "$SCRATCH/oem.key" --drop-after-apdu 3 --drop-executes --return-after-ms 1000
echo "0x$(random_hex 20)" | tb burn --secret-stdin --return-timeout 6 >"$out.txt" 2>"$out.lost"
expect_eq 75 $? "AUTHENTICATE answer lost, human output"
cat "$out.txt" "$out.lost" >>"$out.all"
expect_eq 1 "$(grep -c "the token may have refused the key; check it before retrying" "$out.lost")" \
  "the warning in the human output"
grep -q "burn it again; the burn is safe to repeat" "$out.lost" && fail "a lost AUTHENTICATE answer called safe to repeat"
wait_status '.in_field' || fail "the simulated token did not come back"
fresh_status
expect_eq 1 "$(sim .authenticate_commands)" "AUTHENTICATEs after a lost answer, human output"
# Once checked, the burn with the right key completes.
wait_card present || fail "the simulated token is not on the reader again"
wait_token_readable || fail "the simulated token does not answer GET INFO again"
hex=$(random_hex 20); secrets+=("$hex")
echo "0x$hex" | tb burn --secret-stdin --customer-key-file "$SCRATCH/oem.key" --json >>"$out.all" 2>>"$out.err" ||
  fail "the burn after a lost AUTHENTICATE answer exited $?"
fresh_status
expect_eq "$(oath_code "$hex" sha1 30 "$(sim .token_time)")" "$(sim .code)" "display after the checked retry"

head -c 15 /dev/urandom >"$SCRATCH/short.key"
expect_status 65 "a 15-byte customer key" tb burn --secret-env X --customer-key-file "$SCRATCH/short.key"

# A token that locks after one failure stays refused, and says so.
start_sim --key-file "$SCRATCH/oem.key" --lock-after 1
expect_status 77 "first refusal" tb burn --generate --json
msg=$(tb burn --generate --json --customer-key-file "$SCRATCH/oem.key" 2>&1); expect_eq 77 $? "locked token"
grep -q "locked" <<<"$msg" || fail "the refusal does not mention a locked token: $msg"
fresh_status
expect_eq true "$(sim .locked)" "the simulated token locked"

# No card on the reader: 69 and a sentence; pcscd gone: 69 naming pcscd.
stop_sim
wait_card absent || fail "the card did not leave"
msg=$(tb burn --generate --json 2>&1); expect_eq 69 $? "burn without a card"
stop_stack
msg=$(tb burn --generate --json 2>&1); expect_eq 69 $? "burn without pcscd"
grep -qi pcscd <<<"$msg" || fail "no pcscd in: $msg"

cat "$out.err" >>"$out.all"
expect_no_secret "$out.all" "${secrets[@]}"
expect_no_secret "$SCRATCH/sim.log" "${secrets[@]}"
echo "  $i burns matched oathtool; refusals, unknown model, wrong key, lost AUTHENTICATE answer, lock and no-card behave"
