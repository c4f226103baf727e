#!/usr/bin/env bash
# The wizard in tmux decodes a QR image whose label and issuer hold a clear-screen sequence, a
# window-title sequence, the C1 CSI, DEL and bidi overrides (percent-encoded, as hostile-input.sh
# makes them): the Secret step shows them spelled out, the pane's title stays the wizard's, and
# the screen tmux renders holds no C1 or bidi character.
source "$(dirname "$0")/wizard-lib.bash"

walk=hostile
hex=$(random_hex 20)
b32=$(hex_to_base32 "$hex" | tr -d =)
evil="%1B%5B2J%1B%5D0%3Bpwned%07%C2%9B31m%7F%E2%80%AE%E2%81%A6"
uri="otpauth://totp/Ev${evil}il:ann${evil}@example.com?secret=$b32&issuer=Ev${evil}il"
start_wizard "LANG=C.UTF-8 LC_ALL=C.UTF-8" --reader virtual
title_before=$(tmux -L "$sock" display-message -p -t w '#{pane_title}')

wait_for "Step 1 of 8: Task"
keys Enter
wait_for "Step 2 of 8: User and service"
keys -l "ann@example.com"; keys Tab; keys -l "Acme"
keys Enter
wait_for "Step 3 of 8: Secret"
qrencode -o "$SCRATCH/work/hostile-qr.png" -s 6 -- "$uri" || fail "qrencode failed"
keys -l "$SCRATCH/work/hostile-q"; keys Tab
wait_for "hostile-qr.png_"
keys Enter
wait_for_text "Read a key from $SCRATCH/work/hostile-qr.png."
sleep 0.3
shot secret-hostile-label
screen >"$SCRATCH/hostile-screen.txt"

grep -qF 'Issuer Ev\x1b[2J\x1b]0;pwned\x07<U+009B>31m\x7f<U+202E><U+2066' "$SCRATCH/hostile-screen.txt" ||
  fail "the issuer is not shown spelled out: $(cat "$SCRATCH/hostile-screen.txt")"
# Wider, the account shows too.
tmux -L "$sock" resize-window -t w -x 120 -y 40
wait_for '<U+2066>il, account ann\x1b[2J\x1b]0;pwned\x07<'
screen >>"$SCRATCH/hostile-screen.txt"
grep -qF "Step 3 of 8: Secret" "$SCRATCH/hostile-screen.txt" || fail "the screen was cleared or moved"
perl -CSD -ne 'exit 1 if /[\x{80}-\x{9F}\x{061C}\x{200E}\x{200F}\x{202A}-\x{202E}\x{2066}-\x{2069}]/' \
  "$SCRATCH/hostile-screen.txt" || fail "a C1 or bidi character reached the screen"
title_after=$(tmux -L "$sock" display-message -p -t w '#{pane_title}')
[[ $title_after != *pwned* ]] || fail "the label set the terminal's title"
expect_eq "$title_before" "$title_after" "the pane title"
screen | grep -qF -- "$b32" && fail "the key is shown unmasked"

echo "  a hostile QR label in the wizard: spelled out on the Secret step, title unchanged"
