#!/usr/bin/env bash
# The wizard in a real terminal: tmux runs `tokenburner` against a private pcscd with the vpcd
# driver and `tokenburner simulate` as the token. Each walk enrolls with keystrokes only: the
# key, an otpauth URI with a fresh random secret, comes from a QR image made with qrencode or
# is pasted in; the simulated token's code is read from its status file and typed into the
# Confirm step; the backup codes are acknowledged.
# Afterwards the token shows codes of that secret (checked with oathtool), the registry holds
# the enrollment and accepts a backup code once, and neither the secret nor a backup code is
# left in the terminal's scrollback.
# Walks: 80x24 (image, then paste); resized at every step (larger, too small, back); LANG=C
# (ASCII only).
source "$(dirname "$0")/wizard-lib.bash"

# In the resize walk: larger, too small (where Enter must change nothing, the screen being
# hidden), and back to 80x24, checking the screen each time.
jiggle() {
  [[ $walk == resize ]] || return 0
  tmux -L "$sock" resize-window -t w -x 120 -y 40; wait_for "$1"
  tmux -L "$sock" resize-window -t w -x 70 -y 20; wait_for "Terminal too small"
  [[ -e $SCRATCH/shots/resize-too-small.txt ]] || shot too-small
  keys Enter; sleep 0.3
  tmux -L "$sock" resize-window -t w -x 80 -y 24; wait_for "$1"
}

# Secret step with the image made by qrencode: the path typed up to a prefix and completed
# with Tab, then decoded by the wizard.
enter_image() { # uri
  qrencode -o "$SCRATCH/work/service-qr.png" -s 6 -- "$1" || fail "qrencode failed"
  keys -l "$SCRATCH/work/service-q"; keys Tab
  wait_for "service-qr.png_"
  keys Enter
  wait_for "Read a key from $SCRATCH/work/service-qr.png."
}

walk_once() {
  walk=$1
  local locale_env="LANG=C.UTF-8 LC_ALL=C.UTF-8"
  [[ $walk == langc ]] && locale_env="LANG=C LC_ALL=C"
  local hex b32 uri
  hex=$(random_hex 20)
  b32=$(hex_to_base32 "$hex")
  uri="otpauth://totp/Acme:ann@example.com?secret=$b32&issuer=Acme"
  start_wizard "$locale_env" --reader virtual

  wait_for "Step 1 of 8: Task"; shot task; jiggle "Step 1 of 8"
  keys Enter
  wait_for "Step 2 of 8: User and service"
  keys -l "ann@example.com"; keys Tab; keys -l "Acme"
  shot user-and-service; jiggle "User ID"
  keys Enter
  wait_for "Step 3 of 8: Secret"; jiggle "Decode a QR image"
  if [[ $walk == image ]]; then
    enter_image "$uri"
    shot secret-image
  else
    keys Down
    paste_text "$uri"
    wait_for "Key       ["
    screen | grep -qF -- "$b32" && fail "the pasted key is shown unmasked ($walk)"
    shot secret-pasted
  fi
  keys Enter
  wait_for "Step 4 of 8: Reader and token"
  wait_for "Ready: press Enter"
  screen | grep -qF "Serial      8659632000001" || fail "the reader step shows no serial ($walk)"
  shot reader; jiggle "Ready: press Enter"
  keys Enter
  wait_for "Burned: the token holds the new key."
  mark_burned
  shot burn; jiggle "Burned"
  keys Enter
  wait_for "Step 6 of 8: Confirm"
  jiggle "Token's code"
  type_token_code
  wait_for "The code matches"
  shot confirm
  keys Enter
  wait_for "Step 7 of 8: Backup codes"
  wait_for "10.   "
  shot backup-codes; jiggle "I wrote them down"
  local codes
  codes=$(screen_codes)
  [[ $(wc -l <<<"$codes") -eq 10 ]] || fail "expected 10 backup codes, got: $codes"
  keys Enter
  wait_for "Press W once the codes are written down"
  keys w; keys Enter
  wait_for "Enrollment finished."
  shot done; jiggle "Enrollment finished."
  keys Enter
  wait_for "wizard exited 0"

  expect_token_holds "$hex"
  expect_registry_holds "$(head -1 <<<"$codes")"
  expect_not_in_history "the secret" "$b32"
  expect_not_in_history "the URI" "otpauth://"
  expect_not_in_history "a backup code" "$codes"
  if [[ $walk == langc ]]; then
    LC_ALL=C grep -qP '[^\x00-\x7F]' "$SCRATCH/shots/langc-"*.txt &&
      fail "LANG=C screens contain non-ASCII characters"
  fi
  echo "  $walk walk: enrolled, confirmed, recorded, a backup code verified once, nothing left in scrollback"
}

walk_once image
walk_once plain
walk_once resize
walk_once langc
keep_shots
