#!/usr/bin/env bash
# The wizard in a real terminal: tmux runs `tokenburner` against a private pcscd with the vpcd
# driver and `tokenburner simulate` as the token. Each walk enrolls with keystrokes only: an
# otpauth URI with a fresh random secret is pasted, the simulated token's code is read from its
# status file and typed into the Confirm step, the backup codes are acknowledged. Afterwards
# the token shows codes of that secret (checked with oathtool), and neither the secret nor a
# backup code is left in the terminal's scrollback.
# Walks: 80x24; resized at every step (larger, too small, back); LANG=C (ASCII only).
source "$(dirname "$0")/lib.bash"
make_scratch
sandbox="$(dirname "$0")/../pcscd-sandbox.sh"
port=$(( 38000 + RANDOM % 1000 * 2 ))
sock="tb-wizard-$$"
sim_pid=""
cleanup() {
  tmux -L "$sock" kill-server 2>/dev/null
  [[ -n $sim_pid ]] && kill "$sim_pid" 2>/dev/null
  "$sandbox" stop "$SCRATCH/pcscd" >/dev/null 2>&1
  rm -rf "$SCRATCH"
}
trap cleanup EXIT
command -v tmux >/dev/null || fail "tmux is not installed (scripts/install-deps.sh test)"

PCSC_SANDBOX_AUTO_EXIT=1 "$sandbox" start "$SCRATCH/pcscd" "$port" >/dev/null ||
  fail "the sandbox pcscd did not start"
eval "$("$sandbox" env "$SCRATCH/pcscd")"
status="$SCRATCH/token.json"
tb simulate --port "$port" --model C302-i --status-file "$status" >"$SCRATCH/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 50); do
  tb readers --json 2>/dev/null | jq -e '.readers[] | select(.card_present)' >/dev/null && break
  sleep 0.1
done

screen() { tmux -L "$sock" capture-pane -p -t w; }
keys() { tmux -L "$sock" send-keys -t w "$@"; }

# Waits (bounded) until the screen shows $1; on timeout prints the screen and fails.
wait_for() {
  for _ in $(seq 100); do
    screen | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  echo "---- screen ----" >&2; screen >&2
  fail "timed out waiting for: $1 ($walk)"
}

# Saves the current screen as $SCRATCH/shots/<walk>-<name>.txt (the operator guide uses them).
shot() { mkdir -p "$SCRATCH/shots"; screen >"$SCRATCH/shots/$walk-$1.txt"; }

# In the resize walk: larger, too small, and back to 80x24, checking the screen each time.
jiggle() {
  [[ $walk == resize ]] || return 0
  tmux -L "$sock" resize-window -t w -x 120 -y 40; wait_for "$1"
  tmux -L "$sock" resize-window -t w -x 70 -y 20; wait_for "Terminal too small"
  tmux -L "$sock" resize-window -t w -x 80 -y 24; wait_for "$1"
}

# The token's code once at least 4 s are left in its step, so it is still valid when typed;
# only from a status file written after the burn (the simulator rewrites it every second).
token_code() {
  for _ in $(seq 100); do
    [[ $status -nt $SCRATCH/burned ]] || { sleep 0.2; continue; }
    local left code
    left=$(jq -r .seconds_left "$status" 2>/dev/null)
    code=$(jq -r '.code // empty' "$status" 2>/dev/null)
    if [[ -n $code && ${left:-0} -ge 4 ]]; then echo "$code"; return 0; fi
    sleep 0.2
  done
  fail "the simulated token shows no code"
}

walk_once() {
  walk=$1
  local locale_env="LANG=C.UTF-8 LC_ALL=C.UTF-8" expect_step="Step"
  [[ $walk == langc ]] && locale_env="LANG=C LC_ALL=C"
  local hex b32 uri
  hex=$(random_hex 20)
  b32=$(hex_to_base32 "$hex")
  uri="otpauth://totp/Acme:ann@example.com?secret=$b32&issuer=Acme"

  tmux -L "$sock" kill-server 2>/dev/null
  tmux -L "$sock" new-session -d -s w -x 80 -y 24 \
    "env $locale_env TERM=screen PCSCLITE_CSOCK_NAME=$PCSCLITE_CSOCK_NAME $TOKENBURNER_BIN --reader virtual; echo wizard exited \$?; sleep 600"

  wait_for "Step 1 of 8: Task"; shot task; jiggle "Step 1 of 8"
  keys Enter
  wait_for "Step 2 of 8: User and service"
  keys -l "ann@example.com"; keys Tab; keys -l "Acme"
  shot user-and-service; jiggle "User ID"
  keys Enter
  wait_for "Step 3 of 8: Secret"; jiggle "Decode a QR image"
  keys Down
  # The URI goes in as a paste (a tmux buffer from stdin), never as a command argument.
  printf '%s' "$uri" | tmux -L "$sock" load-buffer -b uri -
  tmux -L "$sock" paste-buffer -d -b uri -t w
  wait_for "Key       ["
  screen | grep -qF -- "$b32" && fail "the pasted key is shown unmasked ($walk)"
  shot secret-pasted
  keys Enter
  wait_for "Step 4 of 8: Reader and token"
  wait_for "Ready: press Enter"
  screen | grep -qF "Serial      8659632000001" || fail "the reader step shows no serial ($walk)"
  shot reader; jiggle "Ready: press Enter"
  keys Enter
  wait_for "Burned: the token holds the new key."
  sleep 0.01; touch "$SCRATCH/burned"
  shot burn; jiggle "Burned"
  keys Enter
  wait_for "Step 6 of 8: Confirm"
  jiggle "Token's code"
  keys -l "$(token_code)"; keys Enter
  wait_for "The code matches"
  shot confirm
  keys Enter
  wait_for "Step 7 of 8: Backup codes"
  wait_for "10.   "
  shot backup-codes; jiggle "I wrote them down"
  local codes
  codes=$(screen | grep -E '^ +[0-9]+\. ' | sed -E 's/^ +[0-9]+\. +//; s/   /-/g; s/ //g')
  [[ $(wc -l <<<"$codes") -eq 10 ]] || fail "expected 10 backup codes, got: $codes"
  keys Enter
  wait_for "Press W once the codes are written down"
  keys w; keys Enter
  wait_for "Enrollment finished."
  shot done; jiggle "Enrollment finished."
  keys Enter
  wait_for "wizard exited 0"

  # The simulated token now computes codes of the pasted secret (oathtool as the oracle).
  local token_time shown expected
  for _ in 1 2 3; do
    token_time=$(jq -r .token_time "$status"); shown=$(jq -r .code "$status")
    expected=$(oathtool --totp -N "@$token_time" - <<<"$hex")
    [[ $shown == "$expected" ]] && break
    sleep 1
  done
  expect_eq "$expected" "$shown" "token code after the $walk walk"

  # Nothing secret is left in the terminal: the wizard used the alternate screen.
  local history
  history=$(tmux -L "$sock" capture-pane -p -J -S - -E - -t w)
  grep -qiF -- "$b32" <<<"$history" && fail "the secret is in the scrollback ($walk)"
  grep -qF "otpauth://" <<<"$history" && fail "the URI is in the scrollback ($walk)"
  while read -r code; do
    grep -qF -- "$code" <<<"$history" && fail "backup code $code is in the scrollback ($walk)"
  done <<<"$codes"
  if [[ $walk == langc ]]; then
    LC_ALL=C grep -qP '[^\x00-\x7F]' "$SCRATCH/shots/langc-"*.txt &&
      fail "LANG=C screens contain non-ASCII characters"
  fi
  echo "  $walk walk: enrolled, confirmed, codes handed out, nothing left in scrollback"
}

walk_once plain
walk_once resize
walk_once langc
if [[ -n ${WIZARD_SHOTS_DIR:-} ]]; then mkdir -p "$WIZARD_SHOTS_DIR" && cp "$SCRATCH"/shots/*.txt "$WIZARD_SHOTS_DIR"/; fi
