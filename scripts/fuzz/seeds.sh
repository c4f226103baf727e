#!/usr/bin/env bash
# Writes the starting corpus of each fuzz target under DIR/<target>/: valid and nearly valid
# inputs, so the fuzzer starts from the interesting shapes instead of from nothing. The keys
# are public test keys (RFC 6238's and the Key URI example's), never real secrets.
# Usage: scripts/fuzz/seeds.sh DIR
set -euo pipefail
dir=${1:?usage: seeds.sh DIR}
mkdir -p "$dir"/{otpauth,migration,base32,apdu,image,yubikey}
put() { printf '%s' "$2" >"$dir/$1"; }
hexput() { echo -n "$2" | xxd -r -p >"$dir/$1"; }
key=JBSWY3DPEHPK3PXP

# otpauth URIs: the documented shapes and the ones the parser must explain or refuse.
put otpauth/plain "otpauth://totp/Example:alice@google.com?secret=$key&issuer=Example"
put otpauth/params "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=6&period=60"
put otpauth/hotp "otpauth://hotp/Jira:bob?secret=$key&counter=7"
put otpauth/sha512 "otpauth://totp/x?secret=$key&algorithm=SHA512&digits=8&period=45"
put otpauth/label "otpauth://totp/%E5%B1%B1%E7%94%B0:a%40b?secret=${key,,}&issuer=Caf%C3%A9"
put otpauth/padded "otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ%3D%3D%3D&issuer="
put otpauth/secret "gezd gnbv gy3t qojq gezd gnbv gy3t qojq"
put otpauth/hex "0x3132333435363738393031323334353637383930"
put otpauth/serial "8659622000001"
put otpauth/other "phonefactor://activate_account?code=123&url=https://x"
put otpauth/fido "FIDO:/1234567890123456789"

# Migration payloads: raw protobuf and the URI form (one and two accounts, HOTP, SHA-256).
entry1=0a0a48656c6c6f21deadbeef120b616c69636540782e636f6d1a0441636d65200128013002
entry2=0a14313233343536373839303132333435363738393012036a6f651a044a697261200228023001380b
msg1=0a$(printf '%02x' $((${#entry1} / 2)))$entry1
msg2=0a$(printf '%02x' $((${#entry2} / 2)))$entry2
hexput migration/one "${msg1}100118012000280a"
hexput migration/two "${msg1}${msg2}100118022001"
hexput migration/empty "1001"
for name in one two; do
  data=$(base64 -w 0 "$dir/migration/$name" | sed 's/+/%2B/g; s/\//%2F/g; s/=/%3D/g')
  put "migration/uri-$name" "otpauth-migration://offline?data=$data"
done

# Base32: RFC 4648 vectors, lenient spellings, and bad letters.
i=0
for text in "" MY MZXQ MZXW6 MZXW6YQ MZXW6YTB MZXW6YTBOI MZXW6YTBOI====== "mzxw 6ytb-oi" \
  "$key" "${key,,}=" "JBSW1Y3D" "JBSWY3DPEHPK3PXP==="; do
  put "base32/$i" "$text"; i=$((i + 1))
done

# Card answers: scripted-card scripts (length byte + response) for a GET INFO, a refusal, a
# 61xx continuation, and plain status words and TLVs for the single parsers.
info=000000$(printf '%02x' 13)$(echo -n 8659622000001 | xxd -p)1104$(printf '%08x' 1700000000)9000
hexput apdu/info "$(printf '%02x' $((${#info} / 2)))$info"
hexput apdu/burn-start "$(printf '%02x' $((${#info} / 2)))${info}0a01020304050607089000026983"
hexput apdu/continuation "02610a0c0102030405060708090a9000"
hexput apdu/status "9000"
hexput apdu/tlv "0102aabb0300"
hexput apdu/command "80410000020211"

# YubiKey OATH: SELECT answers (with and without a password), a LIST continued over 61 XX and
# a CALCULATE ALL answer with a touch entry (each after a SELECT answer, as the driver asks),
# and a PUT command for the simulated key (protocol note §6.2).
sel=117903050403710801020304050607089000
hexput yubikey/select "$sel"
hexput yubikey/select-password "1e790305040371080102030405060708740811223344556677887b01019000"
hexput yubikey/list "${sel}0a72062161 3a6f6e65610b0d7209223630 2f623a74776f9000"
hexput yubikey/calculate-all "${sel}1871046 13a62637605066b6d4a467104643a65667c01069000"
hexput yubikey/put "00010000177105613a626f62730c21060001020304050607080978 02"

# Images: small QR codes as PNG, JPEG and WebP, an inverted one, and a truncated PNG.
uri="otpauth://totp/A:b?secret=$key&issuer=A"
printf '%s' "$uri" | qrencode -o "$dir/image/qr.png" -s 1 -m 1
printf '%s' "$uri" | qrencode -o "$dir/image/qr2.png" -s 2 -m 2
if command -v convert >/dev/null; then
  convert "$dir/image/qr2.png" -quality 60 "$dir/image/qr.jpg"
  convert "$dir/image/qr2.png" -negate "$dir/image/inverted.png"
  convert "$dir/image/qr2.png" -quality 50 "$dir/image/qr.webp" 2>/dev/null || true
  convert "$dir/image/qr2.png" -type Grayscale -depth 8 -interlace PNG "$dir/image/interlaced.png"
fi
head -c 200 "$dir/image/qr2.png" >"$dir/image/truncated.png"
