#!/usr/bin/env bash
# The wizard's generate flow and its exits, in a real terminal (tmux) against pcscd + vpcd +
# `tokenburner simulate`: a generated key is burned, shown masked and then revealed as text
# and as a QR code (decoded back with zbarimg), confirmed with the token's code, and the backup
# codes are printed through a private CUPS server (the PDF read back with pdftotext) and saved
# to a 0600 file. Then no pcscd (the reader step names the command that
# starts it), Ctrl-C (twice) and SIGTERM: the terminal leaves the alternate screen and
# nothing secret stays in the scrollback.
source "$(dirname "$0")/wizard-lib.bash"

# A private CUPS server with a PDF queue (scripts/cups-sandbox.sh) for the Print key.
cups="$(dirname "$0")/../cups-sandbox.sh"
chmod 711 "$SCRATCH"  # cupsd's filters run as user lp and must reach the spool inside
"$cups" start "$SCRATCH/cups" >/dev/null || fail "the CUPS sandbox did not start"
stop_cups() { "$cups" stop "$SCRATCH/cups" >/dev/null 2>&1; }
cleanup_hooks+=(stop_cups)
eval "$("$cups" env "$SCRATCH/cups")"

alternate_screen() { tmux -L "$sock" display-message -p -t w '#{alternate_on}'; }

walk=generate
LANG=C.UTF-8
start_wizard "LANG=C.UTF-8 LC_ALL=C.UTF-8 CUPS_SERVER=$CUPS_SERVER" --user ann@example.com --service Acme
wait_for "Step 1 of 8: Task"
keys Down
wait_for "Step 1 of 9: Task"
shot task
keys Enter
wait_for "Step 2 of 9: User and service"
keys Enter
wait_for "Step 3 of 9: Secret"
keys Enter
wait_for "A new 20-byte key was generated."
shot secret
keys Enter
wait_for "Ready: press Enter"
keys Enter
wait_for "Burned: the token holds the new key."
mark_burned
keys Enter
wait_for "Step 6 of 9: Key for the service"
screen | grep -qE 'Key +[A-Z2-7]{4}' && fail "the generated key is shown before it is revealed"
shot service-key-hidden
keys C-r
wait_for "Ctrl-R hide"
shot service-key
b32=$(screen | grep -E '^  (Key)? +[A-Z2-7]{4} [A-Z2-7]{4} ' | cut -c13-31 | tr -d ' \n')
[[ ${#b32} -eq 32 ]] || fail "expected a 32-character Base32 key on screen, got '$b32'"
hex=$(base32 -d <<<"$b32" | xxd -p -c 100)
screen_qr_to_pbm "$REVEALED/qr.pbm"
payload=$(zbarimg --raw -q "$REVEALED/qr.pbm" 2>/dev/null)
expect_eq "otpauth://totp/Acme:ann@example.com?secret=$b32&issuer=Acme" "$payload" \
  "the QR code on screen"
keys Enter
wait_for "Step 7 of 9: Confirm"
screen | grep -qF -- "${b32:0:4} ${b32:4:4}" && fail "the key stays revealed after leaving its screen"
type_token_code
wait_for "The code matches"
keys Enter
wait_for "10.   "
codes=$(screen_codes)
keys p
wait_for "Printed (request id is tokenburner-pdf-"
text=""
for _ in $(seq 150); do
  pdf=$(find "$CUPS_SANDBOX_PDF" -name '*.pdf' -size +0 2>/dev/null | head -n 1)
  [[ -n $pdf ]] && text=$(pdftotext -layout "$pdf" - 2>/dev/null) && grep -qF -- "$(tail -1 <<<"$codes")" <<<"$text" && break
  sleep 0.1
done
for want in ann@example.com Acme 8659632000001 C302-i helpdesk-test "Each code works once" $codes; do
  grep -qF -- "$want" <<<"$text" || fail "the printed sheet (PDF) lacks '$want'"
done
keys s
wait_for "Saved to"
sheet=$(ls "$SCRATCH/work"/backup-codes-ann_example.com-8659632000001-*.txt) || fail "no saved sheet"
expect_eq 600 "$(stat -c %a "$sheet")" "mode of the saved sheet"
expect_eq "$codes" "$(grep -oE '[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}' "$sheet")" "codes in the sheet"
grep -qF "Each code works once." "$sheet" || fail "the sheet does not say each code works once"
grep -qE "^Issued .* by helpdesk-test$" "$sheet" || fail "the sheet does not name the operator"
keys w; keys Enter
wait_for "Enrollment finished."
keys Enter
wait_for "wizard exited 0"
expect_eq 0 "$(alternate_screen)" "alternate screen after the generate walk"
expect_token_holds "$hex"
expect_not_in_history "the generated key" "$b32"
expect_not_in_history "a backup code" "$codes"
echo "  generate walk: key burned, shown as text and QR, confirmed, sheet printed (PDF) and saved (0600)"

walk=ctrl-c
start_wizard "LANG=C.UTF-8"
wait_for "Step 1 of 8: Task"
keys Enter; keys -l "Zoë Ødegård"
wait_for "[Zoë Ødegård_"
keys C-c
wait_for "Quit the wizard?"
shot quit-question
keys C-c
wait_for "wizard exited 0"
expect_eq 0 "$(alternate_screen)" "alternate screen after Ctrl-C"
screen | grep -qF "Step 2 of 8" && fail "the wizard screen is still visible after Ctrl-C"

walk=no-pcscd
start_wizard "LANG=C.UTF-8 PCSCLITE_CSOCK_NAME=$SCRATCH/no-such-pcscd.comm" --user ann --service Acme
wait_for "Step 1 of 8: Task"
keys Enter; keys Enter
wait_for "Step 3 of 8: Secret"
keys Down
paste_text "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
keys Enter
wait_for "The smart card service is not available."
wait_for 'start pcscd (or run `pcscd`)'
shot reader
keys F10; wait_for "Quit the wizard?"; keys y
wait_for "wizard exited 0"

walk=sigterm
start_wizard "LANG=C.UTF-8"
wait_for "Step 1 of 8: Task"
pane_pid=$(tmux -L "$sock" display-message -p -t w '#{pane_pid}')
wizard_pid=$(pgrep -P "$pane_pid" -f tokenburner) || fail "the wizard process was not found"
kill -TERM "$wizard_pid"
wait_for "wizard exited 143"
expect_eq 0 "$(alternate_screen)" "alternate screen after SIGTERM"
echo "  no pcscd explained; non-ASCII typed; Ctrl-C twice and SIGTERM restore the terminal"
keep_shots
