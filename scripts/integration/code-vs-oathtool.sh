#!/usr/bin/env bash
# `tokenburner code` against oathtool (an independent TOTP implementation) for random secrets,
# algorithms, digit counts, periods and times; secrets go in on stdin, never argv.
source "$(dirname "$0")/lib.bash"

cases=0
for i in $(seq 1 60); do
  lengths=(10 16 20 32 40 63 64)
  algorithms=(sha1 sha256 sha512)
  hex=$(random_hex "${lengths[RANDOM % ${#lengths[@]}]}")
  alg=${algorithms[RANDOM % 3]}
  digits=$(( RANDOM % 2 == 0 ? 6 : 8 ))
  periods=(30 60 15 90)
  period=${periods[RANDOM % 4]}
  at=$(( (RANDOM * 32768 + RANDOM) * 3 + RANDOM ))
  b32=$(hex_to_base32 "$hex")

  out=$(echo "$b32" | tb code --secret-stdin --at "$at" --algorithm "$alg" --digits "$digits" \
    --period "$period" --json) || fail "code exited $? for case $i"
  for offset in -1 0 1; do
    t=$(( at + offset * period ))
    want=$(echo "$hex" | oathtool --totp="$alg" -d "$digits" -s "${period}s" -N "@$t" -)
    field=$([[ $offset -eq -1 ]] && echo previous || ([[ $offset -eq 0 ]] && echo code || echo next))
    got=$(jq -r ".$field" <<<"$out")
    expect_eq "$want" "$got" "case $i ($alg/$digits/${period}s, ${#hex} hex digits, t=$at) $field"
  done
  left=$(jq -r .seconds_left <<<"$out")
  expect_eq "$(( period - at % period ))" "$left" "case $i seconds_left"
  cases=$((cases + 1))
done

# The same through an otpauth URI with a sloppy (lower-case, spaced) secret.
hex=$(random_hex 32)
b32=$(hex_to_base32 "$hex" | tr -d '=' | tr 'A-Z' 'a-z' | sed 's/..../& /g')
uri="otpauth://totp/Example:alice@example.com?secret=${b32// /%20}&issuer=Example&algorithm=SHA256&digits=8&period=60"
out=$(echo "$uri" | tb code --uri-stdin --at 1700000000 --json) || fail "code --uri-stdin failed"
want=$(echo "$hex" | oathtool --totp=sha256 -d 8 -s 60s -N @1700000000 -)
expect_eq "$want" "$(jq -r .code <<<"$out")" "URI with SHA256/8/60"

# Hex input with the 0x prefix.
out=$(echo "0x$hex" | tb code --secret-stdin --at 1234567890 --json) || fail "hex secret failed"
want=$(echo "$hex" | oathtool --totp -N @1234567890 -)
expect_eq "$want" "$(jq -r .code <<<"$out")" "0x hex secret"

echo "  $((cases + 2)) code comparisons against oathtool agreed"
