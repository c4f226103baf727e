#!/usr/bin/env bash
# A generated key is shown on the terminal's alternate screen until Enter, so it is in no
# scrollback: `burn --generate` in a real terminal (tmux) against pcscd + vpcd + `tokenburner
# simulate`, the key read off the alternate screen and checked against the token's display with
# oathtool, then Enter, and `capture-pane -S -` holds no key. Without a terminal and without
# --show-secret, `burn --generate` and `seeds register` are refused (64) before any APDU and
# before anything is recorded.
source "$(dirname "$0")/lib.bash"
make_scratch
start_stack
socket="$SCRATCH/tmux.sock"
trap 'tmux -S "$socket" kill-server 2>/dev/null; stop_sim; "$SANDBOX_SCRIPT" stop "$SCRATCH/pcscd" >/dev/null 2>&1; remove_scratch' EXIT
export TOKENBURNER_REGISTRY="$SCRATCH/registry/tokens.sqlite" TOKENBURNER_OPERATOR=helpdesk-2
start_sim --model C302-i

pane() { tmux -S "$socket" capture-pane -p -J -t main "$@"; }
wait_pane() { # PATTERN WHAT
  for _ in $(seq 300); do pane -S - | grep -qE -- "$1" && return 0; sleep 0.1; done
  fail "$2 did not appear: $(pane | tail -5)"
}

# Not a terminal: refused before the token is touched.
commands=$(sim .commands)
msg=$(tb burn --generate --user ann </dev/null 2>&1 >"$SCRATCH/refused.out"); expect_eq 64 $? "burn --generate to a file"
grep -q "add --show-secret" <<<"$msg" || fail "no reason given: $msg"
[[ -s $SCRATCH/refused.out ]] && fail "the refused burn printed: $(cat "$SCRATCH/refused.out")"
fresh_status
expect_eq "$commands" "$(sim .commands)" "APDUs the refused burn sent"
[[ -e $TOKENBURNER_REGISTRY ]] && fail "the refused burn made a registry"

# In a terminal: the alternate screen, then Enter.
tmux -S "$socket" new-session -d -s main -x 120 -y 40 "env -i PATH=$PATH HOME=$SCRATCH TERM=xterm LANG=C.UTF-8 bash --norc --noprofile"
tmux -S "$socket" send-keys -t main "export PCSCLITE_CSOCK_NAME='$PCSCLITE_CSOCK_NAME' TOKENBURNER_REGISTRY='$TOKENBURNER_REGISTRY' PS1='$ '" Enter
tmux -S "$socket" send-keys -t main "'$TOKENBURNER_BIN' burn --generate --service Jira --user ann" Enter
wait_pane "Press Enter to clear the key" "the key screen"
expect_eq 1 "$(tmux -S "$socket" display-message -p -t main '#{alternate_on}')" "the key is on the alternate screen"
pane >"$REVEALED/key-screen.txt"
key=$(sed -n 's/^  Key   //p' "$REVEALED/key-screen.txt")
[[ $key =~ ^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$ ]] || fail "no grouped key on the key screen: $(cat "$REVEALED/key-screen.txt")"
grep -q "^  URI   otpauth://totp/Jira:ann?secret=" "$REVEALED/key-screen.txt" || fail "no otpauth URI on the key screen"
hex=$(base32_to_hex "$key")
fresh_status
expect_eq "$(oath_code "$hex" sha1 30 "$(sim .token_time)")" "$(sim .code)" "the token shows the key on the screen"
tmux -S "$socket" send-keys -t main Enter
wait_pane "^Check " "the burn's closing lines"
wait_pane "key was shown on a cleared screen" "the note that the key is gone"
expect_eq 0 "$(tmux -S "$socket" display-message -p -t main '#{alternate_on}')" "back on the normal screen"
pane -S - >"$SCRATCH/scrollback.txt"
grep -q "Burned token" "$SCRATCH/scrollback.txt" || fail "the burn's report is not in the scrollback"
base32=$(tr -d ' ' <<<"$key")
grep -qF -- "${key:0:14}" "$SCRATCH/scrollback.txt" && fail "the grouped key is in the scrollback"
grep -qiF -- "${base32:0:12}" "$SCRATCH/scrollback.txt" && fail "the key is in the scrollback"
grep -q "secret=" "$SCRATCH/scrollback.txt" && fail "the otpauth URI is in the scrollback"
grep -qiF -- "${hex:0:16}" "$SCRATCH/scrollback.txt" && fail "the key is in the scrollback as hex"

# `seeds register` without a terminal: refused before the vault is opened or anything recorded.
printf '%s\n' "vault passphrase $(random_hex 6)" >"$INPUTS/pp"
tb vault init --passphrase-file "$INPUTS/pp" --scrypt-n 32768 >/dev/null || fail "vault init exited $?"
printf '8651000077, %s, totp, 6, 30\n' "$(random_hex 20)" >"$INPUTS/seeds.csv"
tb seeds import "$INPUTS/seeds.csv" --passphrase-file "$INPUTS/pp" >/dev/null || fail "seeds import exited $?"
before=$(tb registry history --json | jq '.entries | length')
msg=$(tb seeds register --serial 8651000077 --user bob --passphrase-file "$INPUTS/pp" 2>&1 >"$SCRATCH/register.out")
expect_eq 64 $? "seeds register to a file"
grep -q "add --show-secret" <<<"$msg" || fail "no reason given: $msg"
expect_eq "$before" "$(tb registry history --json | jq '.entries | length')" "audit rows after the refused registration"
expect_eq 0 "$(tb registry list --json | jq '[.enrollments[] | select(.user == "bob")] | length')" "bob's enrollments"
echo "  key on the alternate screen (= the token's code), none in the scrollback after Enter; 64 without a terminal, nothing sent or recorded"
