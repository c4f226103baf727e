# Helpers for the wizard suites: sourced, not run. Starts a private pcscd with the vpcd driver
# and `tokenburner simulate` (status file in $status), and drives the wizard in a private tmux
# server with a bounded wait for every screen.
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"
make_scratch
sandbox="$(dirname "${BASH_SOURCE[0]}")/../pcscd-sandbox.sh"
port=$(( 38000 + RANDOM % 1000 * 2 ))
sock=""
sockets=()
sim_pid=""
walk=""
cleanup_hooks=()
cleanup() {
  for hook in "${cleanup_hooks[@]}"; do $hook; done
  for each in "${sockets[@]}"; do tmux -L "$each" kill-server 2>/dev/null; done
  [[ -n $sim_pid ]] && kill "$sim_pid" 2>/dev/null
  "$sandbox" stop "$SCRATCH/pcscd" >/dev/null 2>&1
  remove_scratch
}
trap cleanup EXIT
command -v tmux >/dev/null || fail "tmux is not installed (scripts/install-deps.sh test)"

PCSC_SANDBOX_AUTO_EXIT=1 "$sandbox" start "$SCRATCH/pcscd" "$port" >/dev/null ||
  fail "the sandbox pcscd did not start"
eval "$("$sandbox" env "$SCRATCH/pcscd")"
status="$SCRATCH/token.json"
# A private registry: the wizard records enrollments and backup code hashes here.
registry="$SCRATCH/registry.sqlite"
export TOKENBURNER_REGISTRY="$registry"
# (Re)starts the simulated token (a C302-i unless the flags say otherwise) and waits until the
# reader reports it. The binary itself, not the `tb` function: `$!` must be the simulator for
# `kill` to stop it.
start_sim() { # simulate flags...
  if [[ -n $sim_pid ]]; then kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null; fi
  for _ in $(seq 50); do
    tb readers --json 2>/dev/null | jq -e '.readers[] | select(.card_present)' >/dev/null || break
    sleep 0.1
  done
  "$TOKENBURNER_BIN" simulate --port "$port" --model C302-i --status-file "$status" "$@" \
    >"$SCRATCH/sim.log" 2>&1 &
  sim_pid=$!
  for _ in $(seq 50); do
    tb readers --json 2>/dev/null | jq -e '.readers[] | select(.card_present)' >/dev/null && return 0
    sleep 0.1
  done
  fail "the simulated token did not appear on the reader"
}
start_sim

screen() { tmux -L "$sock" capture-pane -p -t w; }
keys() { tmux -L "$sock" send-keys -t w "$@"; }

# Starts the wizard in a fresh 80x24 tmux server (one socket per walk, so a server still
# shutting down never meets the next one), in $SCRATCH/work, with extra `env` settings and
# arguments; the pane stays open after the wizard exits and says how it exited.
start_wizard() { # "ENV=... ..." args...
  local environment=$1; shift
  mkdir -p "$SCRATCH/work"
  [[ -n $sock ]] && tmux -L "$sock" kill-server 2>/dev/null
  sock="tb-wizard-$$-${#sockets[@]}"
  sockets+=("$sock")
  tmux -L "$sock" new-session -d -s w -x 80 -y 24 -c "$SCRATCH/work" \
    "env TERM=screen PCSCLITE_CSOCK_NAME=$PCSCLITE_CSOCK_NAME TOKENBURNER_REGISTRY=$registry TOKENBURNER_OPERATOR=helpdesk-test $environment $TOKENBURNER_BIN $*; echo wizard exited \$?; sleep 600"
}

# Waits (bounded) until the screen shows $1; on timeout prints the screen and fails.
wait_for() { wait_on screen "$1"; }

# Waits (bounded) until the output of the function $1 holds the text $2.
wait_on() { # view text
  for _ in $(seq 100); do
    "$1" | grep -qF -- "$2" && return 0
    sleep 0.1
  done
  echo "---- screen ----" >&2; screen >&2
  fail "timed out waiting for: $2 ($walk)"
}

# The screen as one line with runs of blanks squeezed, for sentences the wizard wraps.
screen_text() { screen | tr -s ' \n' '  '; }
# Like wait_for, on the screen as one line: for sentences the wizard wraps.
wait_for_text() { wait_on screen_text "$1"; }

# The half-block QR on the screen (columns 39 and up) as a PBM image: each cell is two
# modules (upper, lower), each module 4x4 pixels, with a light margin of 4 modules.
screen_qr_to_pbm() { # output
  local line char top bottom width=0 rows=() lines=()
  mapfile -t lines < <(screen | sed -n '2,22p' | while IFS= read -r line; do printf '%s\n' "${line:38}"; done)
  for line in "${lines[@]}"; do (( ${#line} > width )) && width=${#line}; done
  local margin; margin=$(printf '0%.0s' $(seq $(( width + 8 ))))
  rows=("$margin" "$margin" "$margin" "$margin")
  for line in "${lines[@]}"; do
    top="0000"; bottom="0000"
    for (( i = 0; i < width; i++ )); do
      char=${line:i:1}
      case $char in
        "█") top+="1"; bottom+="1" ;;
        "▀") top+="1"; bottom+="0" ;;
        "▄") top+="0"; bottom+="1" ;;
        *) top+="0"; bottom+="0" ;;
      esac
    done
    rows+=("${top}0000" "${bottom}0000")
  done
  rows+=("$margin" "$margin" "$margin" "$margin")
  {
    printf 'P1\n%d %d\n' $(( (width + 8) * 4 )) $(( ${#rows[@]} * 4 ))
    for row in "${rows[@]}"; do
      for _ in 1 2 3 4; do sed -E 's/(.)/\1\1\1\1/g; s/./& /g' <<<"$row"; done
    done
  } >"$1"
}

# Saves the current screen as $SCRATCH/shots/<walk>-<name>.txt (the operator guide uses them).
shot() { mkdir -p "$SCRATCH/shots"; screen >"$SCRATCH/shots/$walk-$1.txt"; }

# Copies the shots to $WIZARD_SHOTS_DIR when set.
keep_shots() {
  if [[ -n ${WIZARD_SHOTS_DIR:-} && -d $SCRATCH/shots ]]; then
    mkdir -p "$WIZARD_SHOTS_DIR" && cp "$SCRATCH"/shots/*.txt "$WIZARD_SHOTS_DIR"/
  fi
}

# Pastes $1 into the wizard through a tmux buffer read from stdin (never a command argument).
paste_text() {
  printf '%s' "$1" | tmux -L "$sock" load-buffer -b paste -
  tmux -L "$sock" paste-buffer -d -b paste -t w
}

# Marks the moment the burn finished; `token_code` only trusts status files written later.
mark_burned() { sleep 0.01; touch "$SCRATCH/burned"; }

# The token's code once at least 4 s are left in its step, so it is still valid when typed.
# Types the code the simulated token shows into Confirm's field, waits until the field shows
# it, then presses Enter: the Enter is never judged against a field still filling.
type_token_code() {
  local code
  code=$(token_code) || fail "the simulated token shows no fresh code"
  keys -l "$code"
  wait_for "$code"
  keys Enter
}

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

# Fails unless the simulated token shows the code oathtool computes for hex key $1.
expect_token_holds() {
  local token_time shown expected
  for _ in 1 2 3; do
    token_time=$(jq -r .token_time "$status"); shown=$(jq -r .code "$status")
    expected=$(oathtool --totp -N "@$token_time" - <<<"$1")
    [[ $shown == "$expected" ]] && break
    sleep 1
  done
  expect_eq "$expected" "$shown" "token code after the $walk walk"
}

# The whole pane history, scrollback included, after the wizard left.
history_text() { tmux -L "$sock" capture-pane -p -J -S - -E - -t w; }

# Fails when any line of $2 (fixed strings) occurs in the history.
expect_not_in_history() { # what lines
  local history line
  history=$(history_text)
  while read -r line; do
    [[ -z $line ]] && continue
    grep -qiF -- "$line" <<<"$history" && fail "$1 is in the scrollback ($walk)"
  done <<<"$2"
  return 0
}

# Fails unless the registry's newest enrollment of `ann@example.com` is active for the simulated
# token, and the first backup code $1 is accepted once and refused the second time.
expect_registry_holds() { # first-code
  local list
  list=$(tb registry list --user ann@example.com --json) || fail "registry list exited $?"
  expect_eq "8659632000001" "$(jq -r '.enrollments[0].serial' <<<"$list")" "serial in the registry ($walk)"
  expect_eq "active" "$(jq -r '.enrollments[0].status' <<<"$list")" "status in the registry ($walk)"
  tb codes verify --user ann@example.com <<<"$1" >/dev/null || fail "the first backup code was refused ($walk)"
  expect_status 77 "a used backup code ($walk)" tb codes verify --user ann@example.com <<<"$1"
}

# The ten backup codes on the screen, as printed (K7QMX-4XTPR-9WHZD).
screen_codes() {
  screen | grep -E '^ +[0-9]+\. ' | sed -E 's/^ +[0-9]+\. +//; s/   /-/g; s/ //g'
}
