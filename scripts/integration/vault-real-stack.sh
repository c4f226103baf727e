#!/usr/bin/env bash
# The vault end to end through pcscd + vpcd + simulated tokens and a real SQLite file: burn
# with --keep-secret, mark the token lost, re-burn a second token from the vault (both show
# oathtool's code for the same secret), wrong passphrases that change no byte, a passphrase
# change, factory seeds imported (CSV with bad rows, PSKC export/import) and registered (the key
# shown gives `tokenburner code` = oathtool on the file's hex seed), weak scrypt costs and common
# passphrases refused, a stale kept key deleted on re-burn, kept keys refused when they do not
# match their enrollment or the enrollment was edited, a rekey that leaves an old key row
# useless, and a leak scan of the database, its WAL, every output, the audit log and the
# simulator logs.
source "$(dirname "$0")/lib.bash"
make_scratch
start_stack
export TOKENBURNER_REGISTRY="$SCRATCH/registry/tokens.sqlite" TOKENBURNER_OPERATOR=helpdesk-9
db=$TOKENBURNER_REGISTRY
out="$SCRATCH/out"
pp="$INPUTS/passphrase"
printf 'vault passphrase %s\n' "$(random_hex 6)" >"$pp"
# The lowest costs the program accepts (N = 2^15, r = 8: 32 MiB); unit tests alone go below.
cheap=(--scrypt-n 32768 --scrypt-r 8 --scrypt-p 1)

# The database after a checkpoint: every byte after SQLite's 100-byte file header, and the
# logical dump. (Each open of a WAL pool moves two header counters: the connection pool creates
# and drops a probe table so that the -wal file exists for readers. No page changes.)
db_state() {
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  { tail -c +101 "$db" | sha256sum; sqlite3 "$db" .dump | sha256sum; } | tr '\n' ' '
}

# --- Before `vault init`, --keep-secret stops before the token is touched.
start_sim --model OTPC-P2-i --serial 8659632000777
hex=$(random_hex 20)
echo "0x$hex" | tb burn --secret-stdin --user alice --service Jira --keep-secret --passphrase-file "$pp" >"$out.early" 2>&1
expect_eq 69 $? "burn --keep-secret without a vault"
grep -q "vault init" "$out.early" || fail "no hint to run vault init: $(cat "$out.early")"
fresh_status
expect_eq 0 "$(sim .commands)" "APDUs sent before the vault refused"

tb vault init --passphrase-file "$pp" "${cheap[@]}" >"$out.init" || fail "vault init exited $?"
tb vault init --passphrase-file "$pp" "${cheap[@]}" >/dev/null 2>&1; expect_eq 65 $? "a second vault init"
echo "short" | tb vault init --passphrase-stdin --registry "$SCRATCH/other.sqlite" >/dev/null 2>&1
expect_eq 65 $? "a passphrase under 10 characters"
weak="$SCRATCH/weak/tokens.sqlite"
tb vault init --registry "$weak" --passphrase-file "$pp" --scrypt-n 1024 >"$out.weak" 2>&1
expect_eq 65 $? "vault init with scrypt N = 1024"
grep -q "too cheap for the vault: at least N = 32768 and r = 8" "$out.weak" || fail "unclear weak-cost refusal: $(cat "$out.weak")"
tb vault init --registry "$weak" --passphrase-file "$pp" --scrypt-r 4 >/dev/null 2>&1; expect_eq 65 $? "vault init with scrypt r = 4"
for common in 'Password2024!' 'correct horse battery staple' 'qwertyuiop' '1234567890' 'iloveyou1234'; do
  printf '%s\n' "$common" | tb vault init --registry "$weak" --passphrase-stdin "${cheap[@]}" >"$out.common" 2>&1
  expect_eq 65 $? "vault init with the passphrase '$common'"
  grep -q "guessing tries first" "$out.common" || fail "unclear common-passphrase refusal: $(cat "$out.common")"
  grep -qiF -- "$common" "$out.common" && fail "the refusal quotes the passphrase"
done
expect_eq false "$(tb vault status --registry "$weak" --json | jq -r .initialised)" "a vault after the refused inits"

# A copy whose vault header was edited to say N = 2, r = 1 is refused as weak before scrypt runs.
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
cp "$db" "$SCRATCH/weak-header.sqlite"
sqlite3 "$SCRATCH/weak-header.sqlite" "UPDATE vault SET scrypt_n = 2, scrypt_r = 1"
tb vault unlock-check --registry "$SCRATCH/weak-header.sqlite" --passphrase-file "$pp" >"$out.weakheader" 2>&1
expect_eq 65 $? "unlock-check of a vault whose header says N = 2"
grep -q "key derivation is too cheap (scrypt N = 2, r = 1" "$out.weakheader" || fail "unclear weak-header refusal: $(cat "$out.weakheader")"

# --- Burn alice's first token, keeping the secret.
echo "0x$hex" | tb burn --secret-stdin --user alice --service Jira --keep-secret --passphrase-file "$pp" --json \
  >"$out.burn1" 2>"$out.burn1.err" || fail "burn --keep-secret exited $?: $(cat "$out.burn1" "$out.burn1.err")"
first=$(jq -r .enrollment_id "$out.burn1")
expect_eq 1 "$(sqlite3 "$db" "SELECT COUNT(*) FROM vault_secret WHERE enrollment_id = $first")" "vault copy of #$first"
fresh_status
expect_eq "$(oath_code "$hex" sha1 30 "$(sim .token_time)")" "$(sim .code)" "first token's display"
SIM1_STATUS=$SIM_STATUS

# --- Wrong passphrases: exit 77, a clear sentence, not one byte changed, no APDU sent.
before=$(db_state)
echo "not the passphrase" | tb vault unlock-check --passphrase-stdin >"$out.wrong1" 2>&1
expect_eq 77 $? "unlock-check with a wrong passphrase"
grep -q "wrong vault passphrase; nothing was changed" "$out.wrong1" || fail "unclear message: $(cat "$out.wrong1")"
printf 'not the passphrase\nbrand new passphrase\n' | tb vault change-passphrase --passphrase-stdin >/dev/null 2>&1
expect_eq 77 $? "change-passphrase with a wrong old passphrase"
printf 'not the passphrase\nexport passphrase 1\n' | tb vault export --passphrase-stdin --output "$SCRATCH/x.pskc" >/dev/null 2>&1
expect_eq 77 $? "export with a wrong passphrase"
[[ -e $SCRATCH/x.pskc ]] && fail "an export file was written after a wrong passphrase"
commands=$(sim .commands)
WRONG=$(mktemp -p "$SCRATCH") && echo "not the passphrase" >"$WRONG"
tb burn --from-vault --user alice --service Jira --passphrase-file "$WRONG" >/dev/null 2>&1
expect_eq 77 $? "burn --from-vault with a wrong passphrase"
expect_eq "$before" "$(db_state)" "database after four wrong passphrases"
fresh_status
expect_eq "$commands" "$(sim .commands)" "APDUs sent after a wrong passphrase"

# --- The token is lost; a second token on the reader's other slot gets the same secret from
# the vault, while the first one (still in the field) keeps showing its codes.
tb registry lost --user alice --reason "left on a train" >/dev/null || fail "registry lost exited $?"
SIM2_STATUS="$SCRATCH/sim2-status.json"
"$TOKENBURNER_BIN" simulate --port $((VPCD_PORT + 1)) --model C302-i --serial 8659632000555 \
  --status-file "$SIM2_STATUS" >>"$SCRATCH/sim2.log" 2>&1 &
sim2=$!
trap 'kill $sim2 2>/dev/null; stop_sim; stop_stack; remove_scratch' EXIT
for _ in $(seq 100); do
  tb readers --json | jq -e '[.readers[] | select(.card_present)] | length == 2' >/dev/null && break
  sleep 0.1
done
tb burn --reader "00 01" --from-vault --user alice --service Jira --passphrase-file "$pp" --json \
  >"$out.burn2" 2>"$out.burn2.err" || fail "burn --from-vault exited $?: $(cat "$out.burn2" "$out.burn2.err")"
grep -q "keeps working until each service changes its secret" "$out.burn2.err" ||
  fail "no warning that the lost token still works: $(cat "$out.burn2.err")"
second=$(jq -r .enrollment_id "$out.burn2")
expect_eq 8659632000555 "$(jq -r .serial "$out.burn2")" "serial of the re-burned token"
show=$(tb registry show "$second" --json)
expect_eq "$first" "$(jq -r .enrollment.replaces_id <<<"$show")" "the re-burn replaces the lost enrollment"
expect_eq "$(tb registry show "$first" --json | jq -r .enrollment.secret_fingerprint)" \
  "$(jq -r .enrollment.secret_fingerprint <<<"$show")" "same secret fingerprint"
expect_eq 1 "$(sqlite3 "$db" "SELECT COUNT(*) FROM vault_secret WHERE enrollment_id = $second")" "vault copy bound to #$second"
now=$(date +%s%3N)
for status in "$SIM1_STATUS" "$SIM2_STATUS"; do
  for _ in $(seq 100); do jq -e ".host_time_ms > $now" "$status" >/dev/null 2>&1 && break; sleep 0.1; done
done
for _ in 1 2 3; do   # both snapshots within one 30 s step (retry at a step boundary)
  t1=$(jq -r .token_time "$SIM1_STATUS"); t2=$(jq -r .token_time "$SIM2_STATUS")
  (( t1 / 30 == t2 / 30 )) && break
  sleep 1
done
code1=$(jq -r .code "$SIM1_STATUS"); code2=$(jq -r .code "$SIM2_STATUS")
expect_eq "$(oath_code "$hex" sha1 30 "$t1")" "$code1" "the lost token's display"
expect_eq "$(oath_code "$hex" sha1 30 "$t2")" "$code2" "the re-burned token's display"
expect_eq "$code1" "$code2" "both tokens show the same code"
kill "$sim2"; wait "$sim2" 2>/dev/null

# --- Change the passphrase: the old one stops working, both kept secrets still verify.
tb vault change-passphrase --help 2>&1 | grep -q "vault change-passphrase" || fail "the help hides the command name"
tb vault change-passphrase 2>&1 | grep -q "never taken as arguments" && fail "the command name is taken for a secret"
pp2="$INPUTS/passphrase2"
printf 'second vault passphrase %s\n' "$(random_hex 6)" >"$pp2"
tb vault change-passphrase --passphrase-file "$pp" --new-passphrase-file "$pp2" >/dev/null || fail "change-passphrase exited $?"
tb vault unlock-check --passphrase-file "$pp" >/dev/null 2>&1; expect_eq 77 $? "the old passphrase after the change"
tb vault unlock-check --passphrase-file "$pp2" --json >"$out.check" || fail "unlock-check exited $?"
expect_eq 2 "$(jq -r .verified_entries "$out.check")" "vault entries verified after the change"

# Two lines on standard input (current, then new), and a passphrase from the environment.
pp3="third vault passphrase $(random_hex 6)"
printf '%s\n%s\n' "$(cat "$pp2")" "$pp3" | tb vault change-passphrase --passphrase-stdin >/dev/null ||
  fail "change-passphrase from two stdin lines exited $?"
VAULT_PP="$pp3" tb vault unlock-check --passphrase-env VAULT_PP >/dev/null || fail "unlock-check from the environment exited $?"
printf '%s\n%s\n' "$pp3" "$(cat "$pp2")" | tb vault change-passphrase --passphrase-stdin >/dev/null || fail "changing back exited $?"

# --- Factory seeds: a CSV with good and bad rows, one transaction; register; codes agree.
seed1=$(random_hex 20); seed2=$(random_hex 32); bad=$(random_hex 5)
cat >"$INPUTS/seeds.csv" <<CSV
# vendor batch 42
8651000001, $seed1, totp, 6, 30
8651000002, $seed2, totp, 6, 60, sha256
8651000003, $bad, totp, 6, 30
8651000004, ${seed1:0:10}zz, totp
8651000001, $seed2, totp
CSV
tb seeds import "$INPUTS/seeds.csv" --passphrase-file "$pp2" >"$out.import" 2>"$out.import.err" ||
  fail "seeds import exited $?: $(cat "$out.import.err")"
for line in 4 5 6; do grep -q "line $line" "$out.import.err" || fail "bad line $line not reported: $(cat "$out.import.err")"; done
grep -q "Imported 2 factory seeds" "$out.import" || fail "import summary: $(cat "$out.import")"
tb seeds list --json >"$out.list" || fail "seeds list exited $?"
expect_eq "8651000001 8651000002" "$(jq -r '[.seeds[].serial] | join(" ")' "$out.list")" "listed serials"
echo "not the passphrase" | tb seeds import "$INPUTS/seeds.csv" --passphrase-stdin >/dev/null 2>&1
expect_eq 77 $? "seeds import with a wrong passphrase"

tb seeds register --serial 8651000002 --user carol --service Confluence --passphrase-file "$pp2" --json --show-secret \
  >"$REVEALED/register.secret.json" || fail "seeds register exited $?"
key=$(jq -r .secret "$REVEALED/register.secret.json")
expect_eq "$seed2" "$(base32_to_hex "$key")" "the key shown is the file's seed"
at=$(( $(date +%s) + RANDOM ))
code=$(printf '%s' "$key" | tb code --secret-stdin --algorithm sha256 --period 60 --at "$at" --json | jq -r .code)
expect_eq "$(oath_code "$seed2" sha256 60 "$at")" "$code" "tokenburner code for the registered token vs oathtool"
tb_revealing seeds register --serial 8651000001 --user dave --passphrase-file "$pp2" --show-secret >"$REVEALED/register.secret.txt" ||
  fail "human seeds register exited $?"
grep -q "$(hex_to_base32 "$seed1" | tr -d = | sed 's/.\{4\}/& /g; s/ $//')" "$REVEALED/register.secret.txt" ||
  fail "the grouped key is not shown once"
tb codes generate --user carol --json >"$out.codes" || fail "codes generate for the registered token exited $?"
expect_eq 10 "$(jq '.codes | length' "$out.codes")" "backup codes for the registered token"
tb seeds register --serial 8651009999 --user erin --passphrase-file "$pp2" --show-secret >/dev/null 2>&1
expect_eq 65 $? "registering a serial with no imported seed"
printf 'otpauth://totp/X:y?secret=%s' "$(hex_to_base32 "$(random_hex 20)" | tr -d =)" | qrencode -o "$INPUTS/not-a-label.png"
tb seeds register --serial-image "$INPUTS/not-a-label.png" --user erin --passphrase-file "$pp2" --json >"$out.label" 2>&1
expect_eq 65 $? "a label image without a serial"
grep -q "no QR code or barcode with a token serial" "$out.label" || fail "unclear label error: $(cat "$out.label")"

# The RFC 6030 §6.1 example (AES-128-CBC under a pre-shared key, HMAC-SHA1): imported with
# the key file, listed as the HOTP token it is, and refused for registration (time-based only).
cat >"$INPUTS/rfc6030-6.1.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xenc="http://www.w3.org/2001/04/xmlenc#">
  <EncryptionKey><ds:KeyName>Pre-shared-key</ds:KeyName></EncryptionKey>
  <MACMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1">
    <MACKey>
      <xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
      <xenc:CipherData><xenc:CipherValue>ESIzRFVmd4iZABEiM0RVZgKn6WjLaTC1sbeBMSvIhRejN9vJa2BOlSaMrR7I5wSX</xenc:CipherValue></xenc:CipherData>
    </MACKey>
  </MACMethod>
  <KeyPackage>
    <DeviceInfo><Manufacturer>Manufacturer</Manufacturer><SerialNo>987654321</SerialNo></DeviceInfo>
    <Key Id="12345678" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
      <AlgorithmParameters><ResponseFormat Length="8" Encoding="DECIMAL"/></AlgorithmParameters>
      <Data>
        <Secret>
          <EncryptedValue>
            <xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
            <xenc:CipherData><xenc:CipherValue>AAECAwQFBgcICQoLDA0OD+cIHItlB3Wra1DUpxVvOx2lef1VmNPCMl8jwZqIUqGv</xenc:CipherValue></xenc:CipherData>
          </EncryptedValue>
          <ValueMAC>Su+NvtQfmvfJzF6bmQiJqoLRExc=</ValueMAC>
        </Secret>
      </Data>
    </Key>
  </KeyPackage>
</KeyContainer>
XML
echo 12345678901234567890123456789012 >"$INPUTS/psk.hex"
echo 00112233445566778899aabbccddeeff >"$INPUTS/wrong-psk.hex"
tb seeds import "$INPUTS/rfc6030-6.1.xml" --pskc-key-file "$INPUTS/wrong-psk.hex" --passphrase-file "$pp2" >/dev/null 2>&1 &&
  fail "the §6.1 file imported with a wrong pre-shared key"
tb seeds import "$INPUTS/rfc6030-6.1.xml" --pskc-key-file "$INPUTS/psk.hex" --passphrase-file "$pp2" >"$out.rfc" 2>&1 ||
  fail "the §6.1 file did not import: $(cat "$out.rfc")"
expect_eq "hotp 8" "$(tb seeds list --json | jq -r '.seeds[] | select(.serial == "987654321") | "\(.type) \(.digits)"')" "the §6.1 token"
tb seeds register --serial 987654321 --user frank --passphrase-file "$pp2" --json >"$out.hotp" 2>&1
expect_eq 65 $? "registering an HOTP factory token"
grep -q "HOTP" "$out.hotp" || fail "no reason given: $(cat "$out.hotp")"

# --- Export the seeds as encrypted PSKC and import them into another registry.
printf '%s\n' "export passphrase $(random_hex 4)" >"$INPUTS/export-pp"
tb seeds export --pskc --output "$SCRATCH/seeds.pskc" --passphrase-file "$pp2" \
  --export-passphrase-file "$INPUTS/export-pp" >/dev/null || fail "seeds export exited $?"
expect_eq 600 "$(stat -c %a "$SCRATCH/seeds.pskc")" "export file mode"
# PBKDF2-HMAC-SHA256 at OWASP's 600 000, and a file the oath-toolkit schema check accepts.
grep -q "<IterationCount>600000</IterationCount>" "$SCRATCH/seeds.pskc" || fail "the export is not at 600000 iterations"
grep -q '<PRF Algorithm="http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"/>' "$SCRATCH/seeds.pskc" ||
  fail "the export does not name HMAC-SHA256 as its PBKDF2 PRF"
pskctool --validate --quiet "$SCRATCH/seeds.pskc" >"$out.pskctool" 2>&1 || fail "pskctool --validate refused the export: $(cat "$out.pskctool")"
# An independent reader (python-pskc, Debian python3-pskc) derives the key with the file's
# PRF and iterations and finds the file's seeds; its output stays in this shell.
read_back=$(EXPORT_PP="$(head -n 1 "$INPUTS/export-pp")" /usr/bin/python3 -c '
import os, sys, pskc
p = pskc.PSKC(sys.argv[1])
p.encryption.derive_key(os.environ["EXPORT_PP"])
d = p.encryption.derivation
print(d.pbkdf2_prf, d.pbkdf2_iterations)
for k in sorted(p.keys, key=lambda k: k.serial): print(k.serial, k.secret.hex())
' "$SCRATCH/seeds.pskc") || fail "python-pskc could not read the export"
expect_eq "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256 600000" "$(head -n 1 <<<"$read_back")" "PRF and iterations python-pskc used"
grep -qx "8651000001 $seed1" <<<"$read_back" || fail "python-pskc did not find the first seed"
grep -qx "8651000002 $seed2" <<<"$read_back" || fail "python-pskc did not find the second seed"
read_back=""
msg=$(tb seeds export --pskc --output "$SCRATCH/weak.pskc" --passphrase-file "$pp2" \
  --export-passphrase-file "$INPUTS/export-pp" --iterations 210000 2>&1); expect_eq 64 $? "an export below 600000 iterations"
[[ -e $SCRATCH/weak.pskc ]] && fail "the weak export was written"
other="$SCRATCH/other/tokens.sqlite"
tb vault init --registry "$other" --passphrase-file "$pp" "${cheap[@]}" >/dev/null || fail "second vault init"
tb seeds import "$SCRATCH/seeds.pskc" --registry "$other" --passphrase-file "$pp" >/dev/null 2>&1
expect_eq 65 $? "importing an encrypted PSKC without its password"
tb seeds import "$SCRATCH/seeds.pskc" --registry "$other" --passphrase-file "$pp" \
  --pskc-password-file "$INPUTS/export-pp" >"$out.reimport" 2>&1 || fail "PSKC re-import exited $?: $(cat "$out.reimport")"
expect_eq "8651000001 8651000002 987654321" "$(tb seeds list --registry "$other" --json | jq -r '[.seeds[].serial] | join(" ")')" \
  "serials after the PSKC round trip"
tb seeds register --registry "$other" --serial 8651000002 --user carol --passphrase-file "$pp" --json --show-secret \
  >"$REVEALED/register2.secret.json" || fail "register from the re-imported file"
expect_eq "$seed2" "$(base32_to_hex "$(jq -r .secret "$REVEALED/register2.secret.json")")" "seed after the round trip"
expect_eq 60 "$(jq -r .period "$REVEALED/register2.secret.json")" "period after the round trip"

# `vault export` holds everything: the two kept secrets (under their tokens' serials) and the
# three factory seeds; read back into a third registry, the re-burned token's key is alice's.
printf '%s\n%s\n' "$(cat "$pp2")" "$(cat "$INPUTS/export-pp")" |
  tb vault export --passphrase-stdin --output "$SCRATCH/vault.pskc" --json >"$out.vexport" ||
  fail "vault export exited $?"
expect_eq 5 "$(jq -r .entries "$out.vexport")" "entries in the vault export"
third="$SCRATCH/third/tokens.sqlite"
tb vault init --registry "$third" --passphrase-file "$pp" "${cheap[@]}" >/dev/null || fail "third vault init"
VAULT_EXPORT_PP="$(cat "$INPUTS/export-pp")" tb seeds import "$SCRATCH/vault.pskc" --registry "$third" \
  --passphrase-file "$pp" --pskc-password-env VAULT_EXPORT_PP --json >"$out.vimport" || fail "vault export re-import exited $?"
expect_eq 5 "$(jq '.imported | length' "$out.vimport")" "entries read back from the vault export"
tb seeds register --registry "$third" --serial 8659632000555 --user alice --passphrase-file "$pp" --json --show-secret \
  >"$REVEALED/register3.secret.json" || fail "register from the vault export"
expect_eq "$hex" "$(base32_to_hex "$(jq -r .secret "$REVEALED/register3.secret.json")")" "alice's secret in the vault export"

# --- A re-burn with another secret and no --keep-secret deletes the kept copy; a kept key that
# does not match its enrollment's fingerprint, or whose enrollment was edited (sqlite3) to name
# another user, is refused before any APDU.
for _ in $(seq 100); do
  tb readers --json | jq -e '[.readers[] | select(.card_present)] | length == 1' >/dev/null && break
  sleep 0.1
done
bob1=$(random_hex 20); bob2=$(random_hex 20)
echo "0x$bob1" | tb burn --secret-stdin --user bob --service Wiki --keep-secret --passphrase-file "$pp2" --json \
  >"$out.bob1" 2>&1 || fail "bob's burn exited $?: $(cat "$out.bob1")"
bob=$(jq -r .enrollment_id "$out.bob1")
echo "0x$bob2" | tb burn --secret-stdin --user bob --service Wiki --json >"$out.bob2" 2>&1 || fail "bob's re-burn exited $?"
expect_eq "$bob" "$(jq -r .enrollment_id "$out.bob2")" "the re-burn updates bob's enrollment"
expect_eq 0 "$(sqlite3 "$db" "SELECT COUNT(*) FROM vault_secret WHERE enrollment_id = $bob")" \
  "kept copies of #$bob after a re-burn with another secret"
expect_eq vault_discard "$(sqlite3 "$db" "SELECT action FROM audit WHERE enrollment_id = $bob ORDER BY id DESC LIMIT 1")" \
  "the deletion in the audit log"
echo "0x$bob2" | tb burn --secret-stdin --user bob --service Wiki --keep-secret --passphrase-file "$pp2" >/dev/null 2>&1 ||
  fail "keeping bob's new secret exited $?"
tb registry lost --user bob --reason "stolen" >/dev/null || fail "registry lost for bob exited $?"
fingerprint=$(sqlite3 "$db" "SELECT secret_fingerprint FROM enrollment WHERE id = $bob")
sqlite3 "$db" "UPDATE enrollment SET secret_fingerprint = '00112233445566ff' WHERE id = $bob"
fresh_status
commands=$(sim .commands)
tb burn --from-vault --user bob --service Wiki --passphrase-file "$pp2" >"$out.mismatch" 2>&1
expect_eq 65 $? "burn --from-vault of a kept key that does not match its enrollment"
grep -q "the vault's key for this enrollment does not match its record" "$out.mismatch" || fail "unclear mismatch: $(cat "$out.mismatch")"
sqlite3 "$db" "UPDATE enrollment SET secret_fingerprint = '$fingerprint', user = 'mallory' WHERE id = $bob"
tb burn --from-vault --user mallory --service Wiki --passphrase-file "$pp2" >"$out.mallory" 2>&1
expect_eq 65 $? "burn --from-vault for mallory of the key kept for bob"
grep -q "enrollment #$bob failed its integrity check" "$out.mallory" || fail "not refused as damaged: $(cat "$out.mallory")"
fresh_status
expect_eq "$commands" "$(sim .commands)" "APDUs sent for the refused kept keys"
sqlite3 "$db" "UPDATE enrollment SET user = 'bob' WHERE id = $bob"

# --- Rekey: a copy of the key row from before, with the passphrase of that time, opens the old
# data key, which opens no entry any more; a wrong passphrase changes no byte.
key_row() {
  sqlite3 "$db" "SELECT 'salt = X''' || hex(salt) || ''', key_nonce = X''' || hex(key_nonce) || ''', wrapped_key = X''' ||
    hex(wrapped_key) || ''', scrypt_n = ' || scrypt_n || ', scrypt_r = ' || scrypt_r || ', scrypt_p = ' || scrypt_p FROM vault"
}
old_row=$(key_row)
pp4="$INPUTS/passphrase4"
printf 'fourth vault passphrase %s\n' "$(random_hex 6)" >"$pp4"
tb vault change-passphrase --passphrase-file "$pp2" --new-passphrase-file "$pp4" >/dev/null || fail "change-passphrase exited $?"
before=$(db_state)
tb vault rekey --passphrase-file "$WRONG" >"$out.rekey.wrong" 2>&1
expect_eq 77 $? "vault rekey with a wrong passphrase"
expect_eq "$before" "$(db_state)" "database after a wrong rekey passphrase"
entries=$(sqlite3 "$db" "SELECT COUNT(*) FROM vault_secret")
tb vault rekey --passphrase-file "$pp4" --json >"$out.rekey" || fail "vault rekey exited $?"
expect_eq "$entries" "$(jq -r .reencrypted_entries "$out.rekey")" "entries re-encrypted by the rekey"
new_row=$(key_row)
sqlite3 "$db" "UPDATE vault SET $old_row"
tb vault unlock-check --passphrase-file "$pp2" >"$out.stale" 2>&1
expect_eq 65 $? "unlock-check with the old key row and the old passphrase"
grep -q "failed its integrity check" "$out.stale" || fail "the old key opened something: $(cat "$out.stale")"
printf '%s\n%s\n' "$(cat "$pp2")" "$(cat "$INPUTS/export-pp")" |
  tb vault export --passphrase-stdin --output "$SCRATCH/stale.pskc" >/dev/null 2>&1
expect_eq 65 $? "vault export with the old key row"
[[ -e $SCRATCH/stale.pskc ]] && fail "an export was written with the old key row"
tb burn --from-vault --user bob --service Wiki --passphrase-file "$pp2" >/dev/null 2>&1
expect_eq 65 $? "burn --from-vault with the old key row"
sqlite3 "$db" "UPDATE vault SET $new_row"
tb vault unlock-check --passphrase-file "$pp4" --json >"$out.check2" || fail "unlock-check after the rekey exited $?"
expect_eq "$entries" "$(jq -r .verified_entries "$out.check2")" "entries verified after the rekey"

# --- Leak scan: no secret in any encoding anywhere but the deliberate once-only displays.
tb registry history --json >"$out.history.json"
tb registry history >"$out.history.txt"
sqlite3 "$db" "SELECT detail FROM audit" >"$out.audit"
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
# Raw bytes and base64, besides the hex and Base32 that expect_no_secret looks for.
expect_no_raw_secret() { # FILE HEX...
  local file=$1 h dump; shift
  dump=$(xxd -p "$file" | tr -d '\n')
  for h in "$@"; do
    [[ $dump == *"$h"* ]] && fail "raw secret bytes found in $file"
    grep -qaF -- "$(echo -n "$h" | xxd -r -p | base64 -w0 | head -c 24)" "$file" && fail "base64 secret found in $file"
  done
  return 0
}
# The scan must be able to fail: it finds the key in the deliberate display and in raw bytes.
( expect_no_secret "$REVEALED/register.secret.json" "$seed2" ) 2>/dev/null && fail "the leak scan misses a Base32 key"
echo -n "$seed1" | xxd -r -p >"$SCRATCH/raw.probe"
( expect_no_raw_secret "$SCRATCH/raw.probe" "$seed1" ) 2>/dev/null && fail "the leak scan misses raw bytes"
rm "$SCRATCH/raw.probe"
scanned=0
for file in "$db" "$db-wal" "$other" "$other-wal" "$third" "$third-wal" "$SCRATCH/vault.pskc" "$out".* "$SCRATCH"/sim*.log "$SCRATCH"/*.json "$SCRATCH/seeds.pskc"; do
  [[ -f $file && $file != *.secret.* ]] || continue
  expect_no_secret "$file" "$hex" "$seed1" "$seed2" "$bad" "$bob1" "$bob2"
  expect_no_raw_secret "$file" "$hex" "$seed1" "$seed2" "$bob1" "$bob2"
  scanned=$((scanned + 1))
done
(( scanned >= 15 )) || fail "only $scanned files scanned"
expect_eq "vault_init burn vault_keep lost vault_read burn vault_keep vault_passphrase_changed vault_check vault_passphrase_changed vault_check vault_passphrase_changed vault_export vault_export burn vault_keep burn vault_discard burn vault_keep lost vault_passphrase_changed vault_rekeyed vault_check" \
  "$(jq -r '[.entries[] | select(.action | test("vault|burn|lost")) | .action] | join(" ")' "$out.history.json")" \
  "vault actions in the audit log"
echo "  keep, lose, re-burn from the vault (same code on both tokens), wrong passphrases change nothing, weak costs and common passphrases refused, stale and edited kept keys refused, rekey, seeds import/register/export, $scanned files scanned"
