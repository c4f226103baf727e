#!/usr/bin/env bash
# A secret handed to `tokenburner code` never comes back out: not in normal output, JSON,
# error messages or usage errors, in Base32 (any case, with or without padding) or hex form.
source "$(dirname "$0")/lib.bash"
make_scratch; dir=$SCRATCH
log="$dir/all-output.txt"
: >"$log"

hex=$(random_hex 20)
b32=$(hex_to_base32 "$hex")
bad="${b32:0:10}1${b32:11:21}"   # '1' is not a Base32 letter
run() { # label, stdin, args...
  local input=$2; shift 2
  echo "$input" | tb "$@" >>"$log" 2>&1
  echo "exit=$?" >>"$log"
}

run human "$b32" code --secret-stdin --at 1700000000
run json "$b32" code --secret-stdin --at 1700000000 --json
run uri "otpauth://totp/Acme:bob?secret=$b32&issuer=Acme" code --uri-stdin --json
run bad-char "$bad" code --secret-stdin
run bad-char-json "$bad" code --secret-stdin --json
run uri-bad-digits "otpauth://totp/Acme:bob?secret=$b32&digits=9" code --uri-stdin
run uri-hotp "otpauth://hotp/Acme:bob?secret=$b32&counter=1" code --uri-stdin --json
run secret-as-uri "$b32" code --uri-stdin
run conflicting-flags "otpauth://totp/A:b?secret=$b32" code --uri-stdin --digits 8
printf '%s\n' "$b32" >"$INPUTS/secret.txt"
tb code --secret-file "$INPUTS/secret.txt" --json >>"$log" 2>&1
SECRET_UNDER_TEST="$b32" tb code --secret-env SECRET_UNDER_TEST >>"$log" 2>&1
# A secret given as an argument is refused by the parser; its text must not be echoed back.
tb code "$b32" >>"$log" 2>&1

[[ -s "$log" ]] || fail "no output was captured"
grep -q "exit=0" "$log" || fail "the valid cases did not succeed"
for needle in "$b32" "${b32%%=*}" "$(tr 'A-Z' 'a-z' <<<"${b32%%=*}")" "$hex" \
  "$(tr 'a-f' 'A-F' <<<"$hex")" "${bad}" "${b32:0:16}"; do
  if grep -qiF -- "$needle" "$log"; then
    grep -niF -- "$needle" "$log" | head -3 >&2
    fail "secret material found in output"
  fi
done
echo "  $(grep -c '' "$log") lines of output, no secret material"
