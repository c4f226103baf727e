#!/usr/bin/env bash
# The wizard's idle cost on the Confirm step, where it waits for the token's code and redraws
# its countdown every second. The wizard runs against a sandbox pcscd, vpcd and `tokenburner
# simulate` (scripts/integration/wizard-lib.bash) in an 80x24 tmux pane and is walked there
# with keystrokes: Enroll, a user and service, a pasted otpauth URI with a fresh random secret,
# the burn. Then, with nothing typed, for IDLE_BENCH_SECONDS (default 30):
# - CPU seconds per minute: utime+stime of the tokenburner process from /proc/PID/stat at the
#   start and end of the interval, scaled to 60 s;
# - bytes written to the terminal per second: the pane's output, copied by `tmux pipe-pane -o`
#   into a file, whose size at the end is divided by the interval.
# No peer. Prints tab-separated rows for scripts/bench.sh.
set -uo pipefail
: "${TOKENBURNER_BIN:?set TOKENBURNER_BIN}"
source "$(dirname "$0")/stats.bash"
source "$(dirname "$0")/../integration/wizard-lib.bash"
seconds=${IDLE_BENCH_SECONDS:-30}
walk=bench-idle

# utime+stime of process $1 in clock ticks (fields 14 and 15, counted after the command name).
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

hex=$(random_hex 20)
uri="otpauth://totp/Acme:ann@example.com?secret=$(hex_to_base32 "$hex")&issuer=Acme"
start_wizard "LANG=C.UTF-8 LC_ALL=C.UTF-8" --reader virtual
wait_for "Step 1 of 8: Task"
keys Enter
wait_for "Step 2 of 8: User and service"
keys -l "ann@example.com"; keys Tab; keys -l "Acme"; keys Enter
wait_for "Step 3 of 8: Secret"
keys Down
paste_text "$uri"
unset uri hex
wait_for "Key       ["
keys Enter
wait_for "Ready: press Enter"
keys Enter
wait_for "Burned: the token holds the new key."
keys Enter
wait_for "Step 6 of 8: Confirm"
sleep 2  # let the step settle before the interval starts

pane_pid=$(tmux -L "$sock" display-message -p -t w '#{pane_pid}')
pid=$(ps -o pid= -o comm= --ppid "$pane_pid" | awk '$2 == "tokenburner" { print $1; exit }')
[[ -n $pid && -r /proc/$pid/stat ]] || fail "no tokenburner process under the pane"
out="$SCRATCH/pane-output"
: >"$out"
tmux -L "$sock" pipe-pane -o -t w "cat >> '$out'"
sleep 0.5  # the copying cat is running before the interval starts
bytes0=$(stat -c %s "$out"); ticks0=$(cpu_ticks "$pid"); t0=$(now_ns)
sleep "$seconds"
bytes1=$(stat -c %s "$out"); ticks1=$(cpu_ticks "$pid"); t1=$(now_ns)
tmux -L "$sock" pipe-pane -t w
screen | grep -qF "Step 6 of 8: Confirm" || fail "the wizard left the Confirm step during the interval"

hz=$(getconf CLK_TCK)
awk -v d=$((ticks1 - ticks0)) -v hz="$hz" -v ns=$((t1 - t0)) 'BEGIN {
  printf "wizard idle on Confirm: CPU per minute (s)\t%.3f\t\t\n", d / hz / (ns / 1e9) * 60 }'
awk -v b=$((bytes1 - bytes0)) -v ns=$((t1 - t0)) 'BEGIN {
  printf "wizard idle on Confirm: bytes written to the terminal per second\t%.0f\t\t\n", b / (ns / 1e9) }'
echo "wizard idle: ${seconds} s on the Confirm step, tmux 80x24, TERM=screen; CPU from /proc/PID/stat (CLK_TCK $hz), bytes via tmux pipe-pane"
