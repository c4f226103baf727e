#!/usr/bin/env bash
# `tokenburner decode` and `code --image` as processes on images made here with qrencode and
# ImageMagick: the --json shape, secret redaction, exit codes, per-file errors, the pixel
# limit's memory bound, --pick among several codes, and a comparison with `zbarimg --raw -q`
# on the same corpus. Payloads go to qrencode on stdin, never argv.
source "$(dirname "$0")/lib.bash"
make_scratch; dir=$SCRATCH
for tool in qrencode convert zbarimg jq oathtool /usr/bin/time; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/install-deps.sh test)"
done
encode() { # file payload [qrencode args...]: the payload goes in on stdin
  local file=$1 payload=$2; shift 2
  printf '%s' "$payload" | qrencode -8 -o "$dir/$file" "$@" || fail "qrencode $file"
}
im() { convert "$@" || fail "convert $*"; }

hex=$(random_hex 20); b32=$(hex_to_base32 "$hex"); b32=${b32%%=*}
uri="otpauth://totp/Acme:bob@example.com?secret=$b32&issuer=Acme"
hex2=$(random_hex 20); b32b=$(hex_to_base32 "$hex2"); b32b=${b32b%%=*}
uri2="otpauth://totp/Globex:carol?secret=$b32b&issuer=Globex&algorithm=SHA256"
utf="otpauth://totp/Caf%C3%A9%20Ren%C3%A9:%E5%B1%B1%E7%94%B0?secret=$b32&issuer=Café René"
utf_label="otpauth://totp/Acme:山田?secret=$b32&issuer=Acme"

# --- The corpus: name, then the payload each file holds (the oracle).
declare -A payload
encode plain.png "$uri" -s 6;                      payload[plain.png]=$uri
encode tiny.png "$uri" -s 1 -m 2;                  payload[tiny.png]=$uri
im "$dir/plain.png" -quality 90 "$dir/q90.jpg";    payload[q90.jpg]=$uri
im "$dir/plain.png" -quality 30 "$dir/q30.jpg";    payload[q30.jpg]=$uri
im "$dir/plain.png" -quality 80 "$dir/q80.webp";   payload[q80.webp]=$uri
im "$dir/plain.png" -resize 45% "$dir/small.png";  payload[small.png]=$uri
im "$dir/plain.png" -background white -rotate 30 "$dir/rot30.png"; payload[rot30.png]=$uri
im "$dir/plain.png" -background white -rotate 45 "$dir/rot45.png"; payload[rot45.png]=$uri
im "$dir/plain.png" -attenuate 1.2 +noise Gaussian "$dir/noise.png"; payload[noise.png]=$uri
im "$dir/plain.png" +level 40%,60% "$dir/lowc.png"; payload[lowc.png]=$uri
im "$dir/plain.png" -negate "$dir/inverted.png";   payload[inverted.png]=$uri
encode transparent.png "$uri" -s 6 --foreground=000000FF --background=00000000
payload[transparent.png]=$uri
encode utf8.png "$utf" -s 4;                       payload[utf8.png]=$utf
encode utf8-label.png "$utf_label" -s 4;           payload[utf8-label.png]=$utf_label
im -size 3000x2000 xc:white -fill black -font DejaVu-Sans -pointsize 48 \
  -annotate +100+150 "Scan this code with your authenticator app" \
  -annotate +100+1850 "Ticket 4711 - helpdesk" \
  "$dir/plain.png" -geometry +2100+800 -composite "$dir/canvas.png"
payload[canvas.png]=$uri
im -size 4000x3000 plasma:fractal -blur 0x3 \( "$dir/plain.png" -resize 240x240 \) \
  -geometry +2400+1700 -composite -quality 85 "$dir/photo.jpg"
payload[photo.jpg]=$uri
corpus=(plain.png tiny.png q90.jpg q30.jpg q80.webp small.png rot30.png rot45.png noise.png lowc.png
  inverted.png transparent.png utf8.png utf8-label.png canvas.png photo.jpg)

# --- Every corpus image decodes, byte for byte, with --show-secret.
for f in "${corpus[@]}"; do
  out=$(tb decode --json --show-secret "$dir/$f") || fail "decode $f exited $?"
  expect_eq "${payload[$f]}" "$(jq -r '.codes[0].payload' <<<"$out")" "$f payload"
  expect_eq 1 "$(jq '.codes | length' <<<"$out")" "$f code count"
done

# --- JSON shape and redaction without --show-secret.
out=$(tb decode --json "$dir/plain.png") || fail "decode plain.png exited $?"
expect_eq "$dir/plain.png" "$(jq -r '.codes[0].file' <<<"$out")" "file"
expect_eq otpauth "$(jq -r '.codes[0].kind' <<<"$out")" "kind"
expect_eq "Acme|bob@example.com|SHA1|6|30|true|20" \
  "$(jq -r '.codes[0].parsed | "\(.issuer)|\(.account)|\(.algorithm)|\(.digits)|\(.period)|\(.burnable)|\(.secret_bytes)"' <<<"$out")" \
  "parsed fields"
expect_eq "<redacted>" "$(jq -r '.codes[0].parsed.secret' <<<"$out")" "parsed secret hidden"
expect_eq "otpauth://totp/Acme:bob@example.com?secret=<redacted>&issuer=Acme" \
  "$(jq -r '.codes[0].payload' <<<"$out")" "payload redacted"
expect_eq "[]" "$(jq -c .errors <<<"$out")" "no errors"
out=$(tb decode --json --show-secret "$dir/plain.png")
expect_eq "$b32" "$(jq -r '.codes[0].parsed.secret' <<<"$out")" "secret shown as Base32"
out=$(tb decode --json "$dir/utf8-label.png")
expect_eq "Acme:山田" "$(jq -r '.codes[0].parsed | "\(.issuer):\(.account)"' <<<"$out")" "UTF-8 label"

# --- Per-file errors do not stop the other files; exit 65 when any file fails.
: >"$dir/empty.png"
head -c 400 "$dir/q90.jpg" >"$dir/cut.jpg"
im "$dir/plain.png" "$dir/code.psd"
# GIF, BMP and TIFF are read (the same code as plain.png); each cut in half is "cut off" (65).
for ext in gif bmp tiff; do
  im "$dir/plain.png" "$dir/code.$ext"
  head -c $(( $(stat -c %s "$dir/code.$ext") / 2 )) "$dir/code.$ext" >"$dir/cut.$ext"
done
printf '%s' "https://example.com/help" | qrencode -o "$dir/url.png"
im -size 8000x6000 xc:white "$dir/huge.png"   # 48 megapixels, a few kilobytes on disk
im -size 400x300 xc:white -fill black -draw "rectangle 50,50 150,150" "$dir/blank.png"
files=(plain.png missing.png empty.png cut.jpg code.psd url.png huge.png blank.png utf8.png
  code.gif code.bmp code.tiff cut.gif cut.bmp cut.tiff)
out=$(tb decode --json "${files[@]/#/$dir/}"); status=$?
expect_eq 65 "$status" "exit status with failing files"
expect_eq "plain.png url.png utf8.png code.gif code.bmp code.tiff" \
  "$(jq -r '[.codes[].file | split("/") | last] | join(" ")' <<<"$out")" "files with codes"
expect_eq "missing.png empty.png cut.jpg code.psd url.png huge.png blank.png cut.gif cut.bmp cut.tiff" \
  "$(jq -r '[.errors[].file | split("/") | last] | join(" ")' <<<"$out")" "files with errors"
for pair in "missing.png:no such file" "empty.png:empty" "cut.jpg:cut off" "code.psd:Photoshop (PSD) image" \
  "cut.gif:GIF file is cut off" "cut.bmp:BMP file is cut off" "cut.tiff:TIFF file is cut off" \
  "url.png:no authenticator key" "huge.png:limit of 40 megapixels" "blank.png:no QR code found"; do
  file=${pair%%:*}; words=${pair#*:}
  message=$(jq -r --arg f "$dir/$file" '.errors[] | select(.file == $f) | .message' <<<"$out")
  [[ "$message" == *"$words"* ]] || fail "$file: expected '$words' in '$message'"
done
expect_eq url "$(jq -r '.codes[] | select(.file | endswith("url.png")) | .kind' <<<"$out")" "url kind"
expect_status 0 "human output, good files" tb decode "$dir/plain.png" "$dir/inverted.png"
expect_status 65 "human output, one bad file" tb decode "$dir/plain.png" "$dir/empty.png"
expect_status 64 "no image named" tb decode
for ext in gif bmp tiff; do expect_status 65 "cut $ext alone" tb decode "$dir/cut.$ext"; done
tb decode "$dir/plain.png" "$dir/empty.png" >"$dir/human.txt" 2>&1
grep -q "empty.png: the file is empty" "$dir/human.txt" || fail "human error line missing"
grep -q "Acme: bob@example.com" "$dir/human.txt" || fail "human account line missing"

# Not readable: as root, let an unprivileged user try a 0600 file.
cp "$dir/plain.png" "$dir/private.png"; chmod 600 "$dir/private.png"; chmod 755 "$dir"
if [[ $(id -u) -eq 0 ]] && command -v runuser >/dev/null; then
  # The checkout may sit in a directory only root can enter (a `mktemp -d` clone, as CI makes):
  # nobody runs a link to the binary placed beside the file, removed again at once.
  ln -f "$TOKENBURNER_BIN" "$dir/tokenburner-as-nobody" 2>/dev/null || cp "$TOKENBURNER_BIN" "$dir/tokenburner-as-nobody"
  msg=$(runuser -u nobody -- "$dir/tokenburner-as-nobody" decode "$dir/private.png" 2>&1); status=$?
  rm -f "$dir/tokenburner-as-nobody"
else
  chmod 000 "$dir/private.png"; msg=$(tb decode "$dir/private.png" 2>&1); status=$?
fi
expect_eq 65 "$status" "unreadable file exit"
[[ "$msg" == *"cannot be read (Permission denied)"* ]] || fail "unreadable: got '$msg'"

# Peak memory stays small when the header alone exceeds the limit (nothing is allocated).
/usr/bin/time -f %M -o "$dir/rss" "$TOKENBURNER_BIN" decode "$dir/huge.png" >/dev/null 2>&1
rss=$(tail -1 "$dir/rss")
(( rss < 60000 )) || fail "peak memory for the 48-megapixel file was ${rss} KiB"

# --- code --image: same secret as the URI, codes as oathtool computes them.
out=$(tb code --image "$dir/photo.jpg" --at 1700000000 --json) || fail "code --image exited $?"
want=$(echo "$hex" | oathtool --totp -N @1700000000 -)
expect_eq "$want" "$(jq -r .code <<<"$out")" "code --image"
encode second.png "$uri2" -s 6
im "$dir/plain.png" -size 40x40 xc:white "$dir/second.png" +append "$dir/two.png"
expect_status 64 "two otpauth codes without --pick" tb code --image "$dir/two.png"
listing=$(tb code --image "$dir/two.png" 2>&1)
[[ "$listing" == *"Acme: bob@example.com"* && "$listing" == *"Globex: carol"* ]] ||
  fail "the --pick listing names both accounts: $listing"
out=$(tb code --image "$dir/two.png" --pick 2 --at 1700000000 --json) || fail "--pick 2 exited $?"
want=$(echo "$hex2" | oathtool --totp=sha256 -N @1700000000 -)
expect_eq "$want" "$(jq -r .code <<<"$out")" "code --image --pick 2"

# A Google Authenticator export with two accounts, built byte by byte (protobuf).
entry() { # secret-hex name issuer
  local body; body="0a14$1"
  body+="12$(printf '%02x' ${#2})$(printf '%s' "$2" | xxd -p)"
  body+="1a$(printf '%02x' ${#3})$(printf '%s' "$3" | xxd -p)2001280130 02"
  body=${body// /}
  printf '0a%02x%s' $(( ${#body} / 2 )) "$body"
}
proto="$(entry "$hex" alice Initech)$(entry "$hex2" dave Umbrella)100118012000"
data=$(echo -n "$proto" | xxd -r -p | base64 -w 0 | sed 's/+/%2B/g; s/\//%2F/g; s/=/%3D/g')
encode export.png "otpauth-migration://offline?data=$data" -s 4
expect_status 64 "export without --pick" tb code --image "$dir/export.png"
out=$(tb code --image "$dir/export.png" --pick 2 --at 1700000000 --json) || fail "export --pick 2"
expect_eq "$(echo "$hex2" | oathtool --totp -N @1700000000 -)" "$(jq -r .code <<<"$out")" \
  "export entry 2"
out=$(tb decode --json "$dir/export.png") || fail "decode export exited $?"
expect_eq "migration|alice,dave|<redacted>,<redacted>" \
  "$(jq -r '.codes[0] | "\(.kind)|\([.parsed.accounts[].account] | join(","))|\([.parsed.accounts[].secret] | join(","))"' <<<"$out")" \
  "export decoded"
[[ "$(jq -r '.codes[0].payload' <<<"$out")" == "otpauth-migration://offline?data=<redacted>" ]] ||
  fail "export payload not redacted"

# --- No secret in anything printed without --show-secret.
log="$dir/all.txt"; : >"$log"
for f in "${corpus[@]}" two.png export.png; do
  tb decode "$dir/$f" >>"$log" 2>&1; tb decode --json "$dir/$f" >>"$log" 2>&1
done
tb code --image "$dir/two.png" >>"$log" 2>&1; tb code --image "$dir/export.png" >>"$log" 2>&1
tb decode "${files[@]/#/$dir/}" >>"$log" 2>&1
for needle in "$b32" "$b32b" "$hex" "$hex2" "$(tr 'A-Z' 'a-z' <<<"$b32")" \
  "$(tr 'a-f' 'A-F' <<<"$hex")" "${b32:0:16}" "${data:0:24}"; do
  if grep -qiF -- "$needle" "$log"; then
    grep -niF -- "$needle" "$log" | head -3 >&2
    fail "secret material found in output"
  fi
done

# --- Against zbarimg on the same corpus: every image it reads correctly we read too; and
# the inverted, transparent and UTF-8 cases are ones it gets wrong (measured with zbar 0.23.92:
# it reads short UTF-8 text such as "Café" or "山田" as Shift-JIS).
zbar_right=0; ours_right=0; table=""
for f in "${corpus[@]}"; do
  zbar=$(zbarimg --raw -q "$dir/$f" 2>/dev/null | head -1)
  ours=$(tb decode --json --show-secret "$dir/$f" | jq -r '.codes[0].payload')
  zok=no; ook=no
  [[ "$zbar" == "${payload[$f]}" ]] && { zok=yes; zbar_right=$((zbar_right + 1)); }
  [[ "$ours" == "${payload[$f]}" ]] && { ook=yes; ours_right=$((ours_right + 1)); }
  [[ $zok == yes && $ook == no ]] && fail "$f: zbarimg reads it but tokenburner does not"
  table+=$(printf '\n    %-16s zbarimg %-3s tokenburner %s' "$f" "$zok" "$ook")
done
for f in inverted.png transparent.png utf8.png utf8-label.png; do
  zbar=$(zbarimg --raw -q "$dir/$f" 2>/dev/null | head -1)
  [[ "$zbar" != "${payload[$f]}" ]] || fail "$f: expected zbarimg to get it wrong, it did not"
done
echo "  ${#corpus[@]} images: zbarimg right on $zbar_right, tokenburner right on $ours_right$table"
