#!/usr/bin/env bash
# A factory-seeded token registered in a real terminal (tmux), its serial scanned from a QR
# code on the label (a PNG made with qrencode): the vault passphrase typed at a
# hidden prompt (never on screen or in scrollback), the key shown once in groups of four on the
# alternate screen and gone from the scrollback after Enter, the
# code the token should show checked against `tokenburner code` and oathtool for the file's
# seed, then backup codes issued for the new enrollment.
source "$(dirname "$0")/lib.bash"
make_scratch
export TOKENBURNER_REGISTRY="$SCRATCH/registry/tokens.sqlite" TOKENBURNER_OPERATOR=helpdesk-3
socket="$SCRATCH/tmux.sock"
trap 'tmux -S "$socket" kill-server 2>/dev/null; sleep 0.2; remove_scratch' EXIT
passphrase="typed passphrase $(random_hex 6)"
printf '%s\n' "$passphrase" >"$INPUTS/pp"
tb vault init --passphrase-file "$INPUTS/pp" --scrypt-n 32768 >/dev/null || fail "vault init exited $?"
seed=$(random_hex 20)
printf '# version: 2\ncarol, ldap, helpdesk, 8651000042, %s, totp, 6, 30\n' "$seed" >"$INPUTS/batch.csv"
tb seeds import "$INPUTS/batch.csv" --passphrase-file "$INPUTS/pp" >/dev/null || fail "seeds import exited $?"

screen() { tmux -S "$socket" capture-pane -p -J -t main -S - ; }
wait_screen() { # PATTERN WHAT
  for _ in $(seq 100); do screen | grep -qE -- "$1" && return 0; sleep 0.1; done
  fail "$2 did not appear on the screen: $(screen | tail -5)"
}

tmux -S "$socket" new-session -d -s main -x 120 -y 40 "env -i PATH=$PATH HOME=$SCRATCH TERM=xterm LANG=C.UTF-8 bash --norc --noprofile"
tmux -S "$socket" send-keys -t main "export TOKENBURNER_REGISTRY='$TOKENBURNER_REGISTRY' TOKENBURNER_OPERATOR=helpdesk-3 PS1='$ '" Enter
qrencode -s 6 -o "$INPUTS/label.png" "8651000042" || fail "qrencode failed"
tmux -S "$socket" send-keys -t main "'$TOKENBURNER_BIN' seeds register --serial-image '$INPUTS/label.png' --user carol --service Jira" Enter
wait_screen "Vault passphrase: " "the hidden passphrase prompt"
tmux -S "$socket" send-keys -t main -l "$passphrase"
tmux -S "$socket" send-keys -t main Enter
# The key is on the alternate screen until Enter; afterwards neither screen nor scrollback has it.
wait_screen "Press Enter to clear the key" "the key on the alternate screen"
expect_eq 1 "$(tmux -S "$socket" display-message -p -t main '#{alternate_on}')" "the key screen is the alternate screen"
tmux -S "$socket" capture-pane -p -J -t main >"$REVEALED/key-screen.txt"
grouped=$(hex_to_base32 "$seed" | tr -d = | sed 's/.\{4\}/& /g; s/ $//')
grep -qF -- "Key   $grouped" "$REVEALED/key-screen.txt" || fail "the key is not shown in groups of four"
tmux -S "$socket" send-keys -t main Enter
wait_screen "^Next " "the end of the registration"
screen >"$SCRATCH/screen.txt"
expect_eq 0 "$(tmux -S "$socket" display-message -p -t main '#{alternate_on}')" "back on the normal screen"
grep -qF -- "${grouped:0:19}" "$SCRATCH/screen.txt" && fail "the key stayed in the scrollback"
grep -qiF -- "$(hex_to_base32 "$seed" | tr -d = | cut -c1-16)" "$SCRATCH/screen.txt" && fail "the key stayed in the scrollback (ungrouped)"
grep -qF -- "$passphrase" "$SCRATCH/screen.txt" && fail "the passphrase is visible on the screen"
grep -qF -- "${passphrase:0:8}" "$SCRATCH/screen.txt" && fail "part of the passphrase is visible on the screen"
grep -q "Registered token 8651000042 for carol (Jira): enrollment #1 created" "$SCRATCH/screen.txt" ||
  fail "no enrollment recorded: $(cat "$SCRATCH/screen.txt")"

# The code the screen says the token shows now, against `tokenburner code` and oathtool for the
# file's seed, at the time the line was printed (or one step earlier, at a step boundary).
line=$(grep "^Check " "$SCRATCH/screen.txt")
shown=$(sed -E 's/.* ([0-9]{6}) now.*/\1/' <<<"$line")
now=$(date +%s)
reference=$(echo "0x$seed" | tb code --secret-stdin --at "$now" --json)
[[ $shown == "$(jq -r .code <<<"$reference")" || $shown == "$(jq -r .previous <<<"$reference")" ]] ||
  fail "the screen shows $shown, tokenburner code says $(jq -r '[.previous, .code] | join(" or ")' <<<"$reference")"
[[ $shown == "$(oath_code "$seed" sha1 30 "$now")" || $shown == "$(oath_code "$seed" sha1 30 $((now - 30)))" ]] ||
  fail "the screen's code $shown is not oathtool's"

tmux -S "$socket" send-keys -t main "clear; '$TOKENBURNER_BIN' codes generate --user carol" Enter
wait_screen "([2-9A-HJKMNP-TV-Z]{5}-){2}[2-9A-HJKMNP-TV-Z]{5}" "the backup codes"
sleep 0.3
expect_eq 10 "$(tmux -S "$socket" capture-pane -p -t main | grep -cE '([2-9A-HJKMNP-TV-Z]{5}-){2}[2-9A-HJKMNP-TV-Z]{5}')" \
  "backup codes on the screen"
expect_eq "register codes_issued" \
  "$(tb registry history --user carol --json | jq -r '[.entries[].action] | join(" ")')" "carol's history"
screen | grep -qF -- "$passphrase" && fail "the passphrase is in the scrollback"
echo "  registered from a seed file at a hidden prompt; code = tokenburner code = oathtool; backup codes issued"
