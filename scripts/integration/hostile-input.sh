#!/usr/bin/env bash
# Hostile text from outside never drives the terminal: otpauth labels and issuers holding every
# C0 and C1 control, DEL and each bidi control (percent-encoded in URIs and QR images, and raw
# in a QR payload), a user, service, reason and file name made of them, through every output
# command (code, decode, burn on the simulated stack, registry list/show/history, codes
# generate --save and list, seeds import/list/register) and their errors. Every human output's
# raw bytes are checked for ESC, C1 (UTF-8 C2 80-9F), DEL, bidi controls and any C0 but \n and
# \t; JSON keeps the exact values. Then secrets typed where a name, path or user belongs come
# back in no error (human or JSON).
source "$(dirname "$0")/lib.bash"
make_scratch
start_stack
export TOKENBURNER_REGISTRY="$SCRATCH/registry/tokens.sqlite" TOKENBURNER_OPERATOR=helpdesk-h
out="$SCRATCH/out"
mkdir -p "$out"
checked=0

# check_inert FILE...: no byte a terminal would act on. Perl reads the bytes as UTF-8 (a file
# that is not UTF-8 fails too) and reports the first offender with its offset.
check_inert() {
  local file
  for file in "$@"; do
    [[ -s $file ]] || fail "$file is empty: nothing was checked"
    perl -CSD -Mstrict -Mwarnings -MEncode=decode,FB_CROAK -e '
      local $/; open my $fh, "<:raw", $ARGV[0] or die "open: $!"; my $bytes = <$fh>;
      $bytes =~ /\x1B/ and die "raw ESC byte\n";
      my $text = eval { decode("UTF-8", $bytes, FB_CROAK) } // die "not UTF-8\n";
      if ($text =~ /([\x00-\x08\x0B-\x1F\x7F-\x9F\x{061C}\x{200E}\x{200F}\x{202A}-\x{202E}\x{2066}-\x{2069}])/) {
        die sprintf("U+%04X at character %d\n", ord($1), $-[0]);
      }' "$file" 2>"$out/.check" || fail "$file reaches the terminal raw: $(cat "$out/.check")"
    checked=$((checked + 1))
  done
}

# check_inert_stderr FILE...: the same for error streams, which may rightly be empty.
check_inert_stderr() {
  local file
  for file in "$@"; do [[ -s $file ]] && check_inert "$file"; done
  return 0
}

# The hostile text: every C0 control from 0x01 (NUL cannot be in an argument; it is in the URIs
# below), DEL, every C1 control and the twelve bidi controls, and a real clear-screen and
# window-title sequence.
hostile_chars() {
  perl -CS -e 'print map { chr } 0x01..0x1F, 0x7F, 0x80..0x9F,
    0x061C, 0x200E, 0x200F, 0x202A..0x202E, 0x2066..0x2069;
    print "\x1B[2J\x1B]0;pwned\x07"'
}
# Percent-encodes every byte of its argument's UTF-8.
percent() { perl -e 'print join "", map { sprintf "%%%02X", ord } split //, $ARGV[0]' -- "$1"; }

evil=$(hostile_chars)
esc=$'\x1b' csi1=$'\xc2\x9b' rlo=$'\xe2\x80\xae'
evil_pct="%00$(percent "$evil")"
# A URI whose label and issuer carry all of it; the secret is random and recorded.
hostile_uri() { # hex
  local b32
  b32=$(hex_to_base32 "$1" | tr -d =)
  echo "otpauth://totp/Ev${evil_pct}il:ann${evil_pct}@example.com?secret=$b32&issuer=Ev${evil_pct}il"
}

# --- code: the label as the URI gives it, human and JSON.
hex=$(random_hex 20)
uri=$(hostile_uri "$hex")
echo "$uri" >"$INPUTS/uri.txt"
tb code --uri-stdin <"$INPUTS/uri.txt" >"$out/code.txt" 2>&1 || fail "code exited $?: $(cat "$out/code.txt")"
check_inert "$out/code.txt"
grep -qF 'Account   Ev\x00\x01\x02' "$out/code.txt" || fail "code does not spell the label out: $(cat "$out/code.txt")"
grep -qF '<U+009B>' "$out/code.txt" || fail "code does not spell out C1 controls"
grep -qF '<U+202E>' "$out/code.txt" || fail "code does not spell out the right-to-left override"
tb code --uri-stdin --json <"$INPUTS/uri.txt" >"$out/code.json" || fail "code --json exited $?"
expect_eq "$(oath_code "$hex" sha1 30 "$(jq -r .time "$out/code.json")")" "$(jq -r .code "$out/code.json")" \
  "the code for the hostile URI vs oathtool"

# --- decode: QR images of the percent-encoded URI and of a payload holding the raw bytes, one
# with a file name made of controls.
qrencode -o "$INPUTS/hostile.png" -r "$INPUTS/uri.txt" || fail "qrencode failed"
hex_raw=$(random_hex 20)
printf 'otpauth://totp/Raw%s:bob%s?secret=%s&issuer=Raw%s' "$evil" "$evil" \
  "$(hex_to_base32 "$hex_raw" | tr -d =)" "$evil" >"$INPUTS/raw-payload.txt"
named="$INPUTS/qr${esc}[2J${csi1}1m.png"
qrencode -8 -o "$named" <"$INPUTS/raw-payload.txt" || fail "qrencode -8 failed"
tb decode "$INPUTS/hostile.png" "$named" >"$out/decode.txt" 2>"$out/decode.err" ||
  fail "decode exited $?: $(cat "$out/decode.err")"
check_inert "$out/decode.txt"; check_inert_stderr "$out/decode.err"
expect_eq 2 "$(grep -c '^     Account   ' "$out/decode.txt")" "decode shows both accounts, each on one line"
grep -qF 'Raw\x01\x02' "$out/decode.txt" || fail "decode does not spell out the raw payload's label"
grep -qF "qr\\x1b[2J<U+009B>1m.png" "$out/decode.txt" || fail "decode does not spell out the file name"
tb decode "$INPUTS/hostile.png" --json >"$out/decode.json" || fail "decode --json exited $?"
expect_eq "ann${evil}@example.com" "$(jq -j '.codes[0].parsed.account' "$out/decode.json" | tr -d '\0')" \
  "decode --json keeps the exact account"
expect_eq "Ev${evil}il" "$(jq -j '.codes[0].parsed.issuer' "$out/decode.json" | tr -d '\0')" \
  "decode --json keeps the exact issuer"
grep -qP '\x1B' "$out/decode.json" && fail "a raw ESC in decode --json (JSON escapes controls)"
expect_no_secret "$out/decode.txt" "$hex" "$hex_raw"

# An error that quotes a URI's value: the type, with a raw ESC in it.
printf 'otpauth://t\x1b[2Jp/x?secret=%s\n' "$(hex_to_base32 "$(random_hex 20)" | tr -d =)" >"$INPUTS/bad-type.txt"
tb code --uri-stdin <"$INPUTS/bad-type.txt" >"$out/bad-type.txt" 2>&1
expect_eq 65 $? "code with an unknown type"
check_inert "$out/bad-type.txt"
grep -qF "'t\\x1b[2Jp'" "$out/bad-type.txt" || fail "the type is not spelled out: $(cat "$out/bad-type.txt")"

# --- burn with a hostile label (the issuer becomes the service), then with a hostile --user
# and --service; the registry replays them.
user="u${evil}ser"
start_sim --model C302-i --serial 8659632000901
tb burn --uri-stdin --user "$user" <"$INPUTS/uri.txt" >"$out/burn1.txt" 2>&1 || fail "burn exited $?: $(cat "$out/burn1.txt")"
check_inert "$out/burn1.txt"
expect_eq burned "$(real_state "$hex")" "the token after the hostile-label burn"
hex2=$(random_hex 20)
start_sim --model OTPC-P2-i --serial 8659622000902
echo "0x$hex2" | tb burn --secret-stdin --user "$user" --service "S${evil}vc" >"$out/burn2.txt" 2>&1 ||
  fail "second burn exited $?: $(cat "$out/burn2.txt")"
check_inert "$out/burn2.txt"
grep -qF 'User        u\x01\x02' "$out/burn2.txt" || fail "burn does not spell out the user: $(cat "$out/burn2.txt")"
expect_eq "$user" "$(sqlite3 "$TOKENBURNER_REGISTRY" "SELECT user FROM enrollment ORDER BY id DESC LIMIT 1")" \
  "the registry keeps the user as given"

tb registry list >"$out/list.txt" 2>&1 || fail "registry list exited $?"
tb registry list --user "$user" >"$out/list-user.txt" 2>&1 || fail "registry list --user exited $?"
expect_eq 2 "$(wc -l <"$out/list-user.txt")" "one line per enrollment, whatever the user holds"
id=$(tb registry list --user "$user" --json | jq -r '.enrollments[0].id')
# The printed codes and the saved sheet show secrets by design: not transcribed, kept apart.
sheet="$REVEALED/sheet${esc}[2J.txt"
tb_revealing codes generate --user "$user" --service "S${evil}vc" --save "$sheet" >"$REVEALED/codes.txt" 2>&1 ||
  fail "codes generate exited $?: $(cat "$REVEALED/codes.txt")"
mapfile -t codes < <(grep -oE '[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}' "$REVEALED/codes.txt")
expect_eq 10 "${#codes[@]}" "codes printed"
record_backup_code "${codes[@]}"
check_inert "$REVEALED/codes.txt" "$sheet"
grep -qF 'Sheet saved to' "$REVEALED/codes.txt" || fail "no saved-sheet line: $(cat "$REVEALED/codes.txt")"
grep -qF 'sheet\x1b[2J.txt' "$REVEALED/codes.txt" || fail "the sheet's path is not spelled out"
grep -qF 'User      u\x01\x02' "$sheet" || fail "the saved sheet does not spell out the user: $(cat -v "$sheet")"
echo "WRONG-CODES-HERE" | tb codes verify --user "$user" >"$out/verify-bad.txt" 2>&1
echo "${codes[0]}" | tb codes verify --user "$user" >"$out/verify.txt" 2>&1 || fail "a fresh code was refused"
tb codes list --user "$user" >"$out/codes-list.txt" 2>&1 || fail "codes list exited $?"
tb registry lost --enrollment "$id" --reason "r${evil}eason" >"$out/lost.txt" 2>&1 || fail "registry lost exited $?"
tb registry show "$id" >"$out/show.txt" 2>&1 || fail "registry show exited $?"
tb registry history >"$out/history.txt" 2>&1 || fail "registry history exited $?"
tb registry history --user "$user" >"$out/history-user.txt" 2>&1 || fail "registry history --user exited $?"
check_inert "$out/list.txt" "$out/list-user.txt" "$out/verify-bad.txt" "$out/verify.txt" "$out/codes-list.txt" \
  "$out/lost.txt" "$out/show.txt" "$out/history.txt" "$out/history-user.txt"
grep -qF 'lost: r\x01\x02' "$out/show.txt" || fail "registry show does not spell out the reason: $(cat "$out/show.txt")"
grep -qF 'u\x01\x02' "$out/history.txt" || fail "history does not spell out the user"
grep -qF 'S\x01\x02' "$out/list.txt" || fail "registry list does not spell out the service"
tb registry history --json >"$out/history.json" || fail "history --json exited $?"
jq -e --arg u "$user" '[.entries[] | select(.user == $u)] | length >= 4' "$out/history.json" >/dev/null ||
  fail "history --json does not keep the exact user"

# --- Factory seeds: a CSV whose rows and file name hold controls, then list and register.
pp="$INPUTS/passphrase"
printf 'vault passphrase %s\n' "$(random_hex 6)" >"$pp"
tb vault init --passphrase-file "$pp" --scrypt-n 32768 --scrypt-r 8 --scrypt-p 1 >/dev/null || fail "vault init exited $?"
seed=$(random_hex 20)
csv="$INPUTS/seeds${esc}[2J${rlo}.csv"
{
  echo "8651000091, $seed, totp, 6, 30"
  printf '86510\x1b[2J00092, %s, totp\n' "$(random_hex 20)"
  printf '8651000093, %s, t\x1b]0;x\x07otp\n' "$(random_hex 20)"
  printf '%s, 8651000094, %s, totp\n' "$evil" "$(random_hex 20)"
} >"$csv"
tb seeds import "$csv" --passphrase-file "$pp" >"$out/import.txt" 2>"$out/import.err" ||
  fail "seeds import exited $?: $(cat "$out/import.err")"
check_inert "$out/import.txt" "$out/import.err"
grep -q "Imported 1 factory seeds" "$out/import.txt" || fail "import summary: $(cat "$out/import.txt")"
tb_revealing seeds register --serial 8651000091 --user "$user" --service "S${evil}vc" --passphrase-file "$pp" --show-secret \
  >"$REVEALED/register.txt" 2>&1 || fail "seeds register exited $?: $(cat "$REVEALED/register.txt")"
check_inert "$REVEALED/register.txt"
tb seeds list >"$out/seeds-list.txt" 2>&1 || fail "seeds list exited $?"
check_inert "$out/seeds-list.txt"
grep -qF 'registered as #' "$out/seeds-list.txt" || fail "seeds list does not show the registration: $(cat "$out/seeds-list.txt")"
grep -qF 'seeds\x1b[2J<U+202E>.csv' "$out/seeds-list.txt" || fail "seeds list does not spell out the file name"

# --- Secrets where a name, a path or a user belongs: no error repeats them, human or JSON.
leak_hex=$(random_hex 20)
leak_uri="otpauth://totp/x?secret=$(hex_to_base32 "$leak_hex" | tr -d =)"
leak_pp="pass phrase $(random_hex 8)"
record_backup_code "$leak_pp"
tb code --secret-env "$leak_uri" >"$out/leak-env.txt" 2>&1
expect_eq 65 $? "--secret-env naming a URI"
tb code --secret-env "$leak_uri" --json >"$out/leak-env.json" 2>"$out/leak-env-json.err"
tb code "--secret-env=$leak_uri" >"$out/leak-env-eq.txt" 2>&1
tb seeds register --serial 8651000091 --user x --passphrase-env "$leak_pp" --show-secret >"$out/leak-pp.txt" 2>&1
expect_eq 65 $? "--passphrase-env naming a passphrase"
tb seeds import "$csv" --passphrase-env "$leak_pp" --json >"$out/leak-pp.json" 2>"$out/leak-pp-json.err"
tb vault unlock-check --passphrase-env "$leak_pp" >"$out/leak-pp2.txt" 2>&1
tb seeds import "$csv" --passphrase-file "$leak_pp" --json >"$out/leak-ppf.json" 2>"$out/leak-ppf-json.err"
code=${codes[1]}
tb codes verify --user "$user" "$code" >"$out/leak-code-arg.txt" 2>&1
expect_eq 64 $? "a backup code as an argument"
echo 22222-22222-22222 | tb codes verify --user "$code" --json >"$out/leak-code-user.json" 2>"$out/leak-code-user-json.err"
expect_eq 64 $? "a backup code as the user, --json"
echo "${codes[2]}" | tb codes verify --user "${code,,}" >"$out/leak-code-user.txt" 2>&1
expect_eq 64 $? "a backup code as the user"
expect_eq 0 "$(sqlite3 "$TOKENBURNER_REGISTRY" "SELECT count(*) FROM audit WHERE upper(replace(user, '-', '')) = '${code//-/}'")" \
  "audit rows naming the backup code as the user"
for file in "$out"/leak-*; do
  check_inert_stderr "$file"
  grep -qiF "$leak_uri" "$file" && fail "the URI is repeated in $file"
  grep -qF "$leak_pp" "$file" && fail "the passphrase is repeated in $file"
  grep -qiF "$code" "$file" && fail "the backup code is repeated in $file"
  grep -qiF "${code//-/}" "$file" && fail "the backup code (no dashes) is repeated in $file"
  expect_no_secret "$file" "$leak_hex"
done
check_inert "$out/leak-env.txt" "$out/leak-env.json" "$out/leak-code-arg.txt" "$out/leak-pp.txt" "$out/leak-pp.json" \
  "$out/leak-ppf.json" "$out/leak-code-user.json"
grep -qF -- '--user looks like a backup code' "$out/leak-code-user.json" || fail "verify --json: $(cat "$out/leak-code-user.json")"
grep -q -- "--secret-env" "$out/leak-env.txt" || fail "the --secret-env error names no option: $(cat "$out/leak-env.txt")"
jq -e '.error.exit_code == 65' "$out/leak-env.json" >/dev/null || fail "no JSON error for --secret-env: $(cat "$out/leak-env.json")"

echo "  every C0/C1 control, DEL and bidi control through code, decode, burn, registry, codes and seeds: $checked outputs inert; no secret argument echoed"
