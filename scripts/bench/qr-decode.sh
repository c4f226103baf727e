#!/usr/bin/env bash
# QR decoding against `zbarimg --raw -q`, both as processes on the same files: a generated
# corpus (codes read right, time per image), the same code as GIF, BMP and TIFF, broken and
# code-less images (truncated, half a code, no code: time per image), and a 4000×3000 JPEG
# photo with a small code (median time and peak memory) and without one (every pass the plan
# allows). Prints tab-separated rows for scripts/bench.sh.
set -uo pipefail
: "${TOKENBURNER_BIN:?set TOKENBURNER_BIN}"
dir=$(mktemp -d "${TMPDIR:-/tmp}/tokenburner-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
runs=${QR_BENCH_RUNS:-7}

encode() { local file=$1 text=$2; shift 2; printf '%s' "$text" | qrencode -8 -o "$dir/$file" "$@"; }
secret=$(head -c 20 /dev/urandom | base32 -w 0 | tr -d '=')
uri="otpauth://totp/Acme:bob@example.com?secret=$secret&issuer=Acme"
utf="otpauth://totp/Acme:%E5%B1%B1%E7%94%B0?secret=$secret&issuer=Café"
encode plain.png "$uri" -s 6
encode tiny.png "$uri" -s 1 -m 2
encode transparent.png "$uri" -s 6 --foreground=000000FF --background=00000000
encode utf8.png "$utf" -s 4
convert "$dir/plain.png" -quality 90 "$dir/q90.jpg"
convert "$dir/plain.png" -quality 30 "$dir/q30.jpg"
convert "$dir/plain.png" -resize 45% "$dir/small.png"
convert "$dir/plain.png" -background white -rotate 30 "$dir/rot30.png"
convert "$dir/plain.png" -attenuate 1.2 +noise Gaussian "$dir/noise.png"
convert "$dir/plain.png" +level 40%,60% "$dir/lowc.png"
convert "$dir/plain.png" -negate "$dir/inverted.png"
convert -size 3000x2000 xc:white -fill black -font DejaVu-Sans -pointsize 48 \
  -annotate +100+150 "Scan this code with your authenticator app" \
  "$dir/plain.png" -geometry +2100+800 -composite "$dir/canvas.png"
convert -size 4000x3000 plasma:fractal -blur 0x3 \( "$dir/plain.png" -resize 240x240 \) \
  -geometry +2400+1700 -composite -quality 85 "$dir/photo.jpg"
declare -A want=([utf8.png]=$utf)
corpus=(plain.png tiny.png transparent.png utf8.png q90.jpg q30.jpg small.png rot30.png
  noise.png lowc.png inverted.png canvas.png photo.jpg)

ours() { "$TOKENBURNER_BIN" decode --json --show-secret "$1" 2>/dev/null | jq -r '.codes[0].payload // ""'; }
peer() { zbarimg --raw -q "$1" 2>/dev/null | head -1; }
now_ns() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "" }'; }

# Codes read right, and the median time per corpus image over $runs rounds.
right_ours=0; right_peer=0
for f in "${corpus[@]}"; do
  expected=${want[$f]:-$uri}
  [[ "$(ours "$dir/$f")" == "$expected" ]] && right_ours=$((right_ours + 1))
  [[ "$(peer "$dir/$f")" == "$expected" ]] && right_peer=$((right_peer + 1))
done
printf 'QR corpus: images read right (of %d)\t%d\t%d\t%s\n' "${#corpus[@]}" "$right_ours" \
  "$right_peer" "$(ratio "$right_ours" "$right_peer")"

per_image() { # command... : median over rounds of (round time / images), in ms
  for _ in $(seq "$runs"); do
    start=$(now_ns)
    for f in "${corpus[@]}"; do "$@" "$dir/$f" >/dev/null 2>&1; done
    echo $(( ($(now_ns) - start) / ${#corpus[@]} / 1000 ))
  done | median
}
ours_us=$(per_image "$TOKENBURNER_BIN" decode)
peer_us=$(per_image zbarimg --raw -q)
printf 'QR corpus: median time per image (process, ms)\t%.1f\t%.1f\t%s\n' \
  "$(awk -v v="$ours_us" 'BEGIN{print v/1000}')" "$(awk -v v="$peer_us" 'BEGIN{print v/1000}')" \
  "$(ratio "$ours_us" "$peer_us")"

# The same code in the formats read since GIF, BMP and TIFF support (ImageMagick's writers).
formats=()
for variant in code.gif interlaced.gif code.bmp BMP3:v3.bmp rle.bmp code.tiff lzw.tiff g4.tiff; do
  case $variant in
    interlaced.gif) convert "$dir/plain.png" -interlace GIF "$dir/$variant" ;;
    rle.bmp) convert "$dir/plain.png" -type Palette -compress RLE "BMP3:$dir/$variant" ;;
    lzw.tiff) convert "$dir/plain.png" -compress LZW "$dir/$variant" ;;
    g4.tiff) convert "$dir/plain.png" -monochrome -compress Group4 "$dir/$variant" ;;
    *:*) convert "$dir/plain.png" "${variant%%:*}:$dir/${variant#*:}"; variant=${variant#*:} ;;
    *) convert "$dir/plain.png" "$dir/$variant" ;;
  esac
  formats+=("$variant")
done
right_ours=0; right_peer=0
for f in "${formats[@]}"; do
  [[ "$(ours "$dir/$f")" == "$uri" ]] && right_ours=$((right_ours + 1))
  [[ "$(peer "$dir/$f")" == "$uri" ]] && right_peer=$((right_peer + 1))
done
printf 'QR formats GIF, BMP, TIFF: images read right (of %d)\t%d\t%d\t%s\n' "${#formats[@]}" \
  "$right_ours" "$right_peer" "$(ratio "$right_ours" "$right_peer")"

# Broken or code-less images: each must fail, fast. Cut PNG, JPEG and GIF files, half a
# code, a page of text, a blank screenshot and a 1600×1200 photo without a code.
head -c 900 "$dir/plain.png" >"$dir/cut.png"
head -c 900 "$dir/q90.jpg" >"$dir/cut.jpg"
head -c 400 "$dir/code.gif" >"$dir/cut.gif"
convert "$dir/plain.png" -gravity north -crop 100%x50%+0+0 +repage "$dir/half.png"
convert -size 1200x800 xc:white -fill black -font DejaVu-Sans -pointsize 28 \
  -annotate +60+100 "Scan the code on the next page with your authenticator app.\nThen type the six digits it shows." "$dir/text.png"
convert -size 1920x1080 xc:'#f0f0f0' -fill '#3060a0' -draw "rectangle 0,0 1920,60" "$dir/blank.png"
convert -size 1600x1200 plasma:fractal -blur 0x3 -quality 85 "$dir/nocode-small.jpg"
corpus=(cut.png cut.jpg cut.gif half.png text.png blank.png nocode-small.jpg)
ours_us=$(per_image "$TOKENBURNER_BIN" decode)
peer_us=$(per_image zbarimg --raw -q)
printf 'QR broken or code-less images: median time per image (process, ms)\t%.1f\t%.1f\t%s\n' \
  "$(awk -v v="$ours_us" 'BEGIN{print v/1000}')" "$(awk -v v="$peer_us" 'BEGIN{print v/1000}')" \
  "$(ratio "$ours_us" "$peer_us")"

# The 4000×3000 photo: median wall time (ms, the time wrapper included for both) and the
# largest peak RSS over $runs runs.
photo_stats() { # command...: "median_ms max_rss_kib"
  local times=() rss=0
  for _ in $(seq "$runs"); do
    start=$(now_ns)
    /usr/bin/time -f '%M' -o "$dir/t" "$@" "$dir/photo.jpg" >/dev/null 2>&1
    times+=("$(( ($(now_ns) - start) / 1000000 ))")
    kib=$(tail -1 "$dir/t")  # after a "non-zero status" line, if any
    (( kib > rss )) && rss=$kib
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $rss"
}
read -r ours_ms ours_kib < <(photo_stats "$TOKENBURNER_BIN" decode)
read -r peer_ms peer_kib < <(photo_stats zbarimg --raw -q)
printf 'QR 4000x3000 JPEG photo: median decode time (ms)\t%s\t%s\t%s\n' "$ours_ms" "$peer_ms" \
  "$(ratio "$ours_ms" "$peer_ms")"
printf 'QR 4000x3000 JPEG photo: peak memory (MiB)\t%.1f\t%.1f\t%s\n' \
  "$(awk -v k="$ours_kib" 'BEGIN{print k/1024}')" "$(awk -v k="$peer_kib" 'BEGIN{print k/1024}')" \
  "$(ratio "$ours_kib" "$peer_kib")"
# Worst case: the same size of photo without any code, so every pass runs.
convert -size 4000x3000 plasma:fractal -blur 0x3 -quality 85 "$dir/nocode.jpg"
cp "$dir/nocode.jpg" "$dir/photo.jpg"
read -r ours_ms _ < <(photo_stats "$TOKENBURNER_BIN" decode)
read -r peer_ms _ < <(photo_stats zbarimg --raw -q)
printf 'QR 4000x3000 JPEG without a code: median time, every pass the plan allows (ms)\t%s\t%s\t%s\n' \
  "$ours_ms" "$peer_ms" "$(ratio "$ours_ms" "$peer_ms")"
echo "peer is zbarimg $(zbarimg --version 2>/dev/null) with ImageMagick; times include process start"
