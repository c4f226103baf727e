#!/usr/bin/env bash
# `tokenburner doctor` against a private pcscd (scripts/pcscd-sandbox.sh) that is stopped,
# running with an empty reader, and running with a simulated token on it; registry files with
# wrong permissions, a registry path that cannot be created, locales and terminals.
source "$(dirname "$0")/lib.bash"
make_scratch
export TOKENBURNER_REGISTRY="$SCRATCH/registry/registry.sqlite"
mkdir -p "$SCRATCH/registry"

# doctor_json: runs `doctor --json`, sets DOCTOR (the JSON) and DOCTOR_STATUS.
doctor_json() {
  DOCTOR=$(tb doctor --json "$@" 2>"$SCRATCH/doctor.err")
  DOCTOR_STATUS=$?
  jq -e . >/dev/null <<<"$DOCTOR" || fail "doctor --json printed no JSON: $DOCTOR $(cat "$SCRATCH/doctor.err")"
}
# check AREA SUBJECT-SUBSTRING: the status of the first matching check.
check() { jq -r --arg a "$1" --arg s "$2" '[.checks[] | select(.area == $a and (.subject | contains($s)))][0].status' <<<"$DOCTOR"; }
field() { jq -r --arg a "$1" --arg s "$2" --arg f "$3" '[.checks[] | select(.area == $a and (.subject | contains($s)))][0][$f]' <<<"$DOCTOR"; }

# 1. A sandbox pcscd that has not started: its socket is missing.
export PCSCLITE_CSOCK_NAME="$SCRATCH/pcscd/run/pcscd/pcscd.comm"
doctor_json
expect_eq 69 "$DOCTOR_STATUS" "exit status without pcscd"
expect_eq problem "$(check pcscd socket)" "socket check without pcscd"
field pcscd socket detail | grep -qF "PCSCLITE_CSOCK_NAME names $PCSCLITE_CSOCK_NAME" || fail "socket detail: $(field pcscd socket detail)"
expect_eq problem "$(check pcscd connection)" "connection check without pcscd"
jq -e '.ok == false and .exit_status == 69' <<<"$DOCTOR" >/dev/null || fail "ok/exit_status fields: $DOCTOR"
# The human form says the same, with the fixes.
human=$(tb doctor 2>&1); expect_eq 69 $? "human doctor without pcscd"
grep -q "PROBLEM socket" <<<"$human" || fail "no PROBLEM line: $human"
grep -q "fix: .*unset PCSCLITE_CSOCK_NAME" <<<"$human" || fail "no fix for the socket: $human"
# Without the variable, the system socket and how to start the system pcscd are named.
if [[ ! -S /run/pcscd/pcscd.comm ]]; then
  msg=$(env -u PCSCLITE_CSOCK_NAME "$TOKENBURNER_BIN" doctor 2>&1)
  grep -q "sudo systemctl start pcscd" <<<"$msg" || fail "no start command for the system pcscd: $msg"
fi

# 2. Running, the vpcd reader empty: everything needed is there.
start_stack
doctor_json
expect_eq 0 "$DOCTOR_STATUS" "exit status with pcscd and an empty reader ($(jq -c '[.checks[] | select(.status == "problem")]' <<<"$DOCTOR"))"
expect_eq ok "$(check pcscd socket)" "socket check with pcscd"
expect_eq ok "$(check pcscd connection)" "connection check with pcscd"
expect_eq ok "$(check readers 'Virtual PCD 00 00')" "empty reader"
field readers 'Virtual PCD 00 00' detail | grep -q "no token" || fail "empty reader detail: $(field readers 'Virtual PCD 00 00' detail)"
for lib in libpcsclite libcrypto libzbar libpng16 libturbojpeg libwebp libsqlite3; do
  expect_eq ok "$(check libraries "$lib")" "library $lib"
done
field libraries libzbar detail | grep -qE "libzbar [0-9]+\.[0-9]+" || fail "no zbar version: $(field libraries libzbar detail)"
field libraries libcrypto detail | grep -q "OpenSSL 3" || fail "no OpenSSL version"

# 3. A simulated token on the reader: serial, model and drift from one GET INFO.
start_sim --model OTPC-P2-i --clock-offset=-75
doctor_json
expect_eq 0 "$DOCTOR_STATUS" "exit status with a token"
detail=$(field readers 'Virtual PCD 00 00' detail)
[[ $detail =~ ^Token2\ token\ 865[0-9]+\ \(OTPC-P2-i\),\ clock\ -7[456]\ s\ off$ ]] || fail "token detail: $detail"
fresh_status
expect_eq 0 "$(sim .authenticate_commands)" "AUTHENTICATEs sent by doctor"
expect_eq 0 "$(sim '.config_writes + .seed_writes')" "writes by doctor"
start_sim --serial 1234567000042
doctor_json
expect_eq warning "$(check readers 'Virtual PCD 00 00')" "a token with an unknown prefix"

# 4. Stopped again: 69, and the readers are not listed.
stop_sim
stop_stack
doctor_json
expect_eq 69 "$DOCTOR_STATUS" "exit status after pcscd stopped"
expect_eq problem "$(check pcscd socket)" "socket check after pcscd stopped"
expect_eq 0 "$(jq '[.checks[] | select(.area == "readers")] | length' <<<"$DOCTOR")" "readers listed without pcscd"

# 5. The registry: mode 600 is fine; group/other-readable warns with chmod; a path whose
# directory cannot be created, or a directory instead of a file, is a problem.
: >"$TOKENBURNER_REGISTRY"
chmod 600 "$TOKENBURNER_REGISTRY"
doctor_json
expect_eq ok "$(check registry registry.sqlite)" "a 0600 registry"
chmod 644 "$TOKENBURNER_REGISTRY"
doctor_json
expect_eq warning "$(check registry registry.sqlite)" "a 0644 registry"
expect_eq "\`chmod 600 $TOKENBURNER_REGISTRY\`" "$(field registry registry.sqlite fix)" "fix for a 0644 registry"
touch "$SCRATCH/plainfile"
doctor_json --registry "$SCRATCH/plainfile/sub/registry.sqlite"
expect_eq problem "$(check registry registry.sqlite)" "a registry under a regular file"
mkdir -p "$SCRATCH/adir.sqlite"
doctor_json --registry "$SCRATCH/adir.sqlite"
expect_eq problem "$(check registry adir.sqlite)" "a directory as the registry"
env -u TOKENBURNER_REGISTRY XDG_DATA_HOME="$SCRATCH/xdg" "$TOKENBURNER_BIN" doctor --json >"$SCRATCH/xdg.json"
jq -e --arg p "$SCRATCH/xdg/tokenburner/registry.sqlite" '.checks[] | select(.area == "registry" and .subject == $p and .status == "ok")' \
  "$SCRATCH/xdg.json" >/dev/null || fail "XDG_DATA_HOME not honoured: $(cat "$SCRATCH/xdg.json")"

# 6. Locale and terminal: warnings with fixes, never a failure on their own.
DOCTOR=$(LC_ALL=C LANG=C tb doctor --json 2>/dev/null)
expect_eq warning "$(check locale 'character set')" "the C locale"
field locale 'character set' fix | grep -q "LANG=C.UTF-8" || fail "no locale fix"
DOCTOR=$(LC_ALL=C.UTF-8 tb doctor --json 2>/dev/null)
expect_eq ok "$(check locale 'character set')" "C.UTF-8"
DOCTOR=$(TERM=dumb tb doctor --json 2>/dev/null)
expect_eq warning "$(check terminal TERM)" "TERM=dumb"
expect_eq warning "$(check terminal tty)" "doctor through a pipe"
# In a real 100x30 terminal (tmux): a tty of that size with colours.
sock="$SCRATCH/tmux.sock"
tmux -S "$sock" new-session -d -x 100 -y 30 \
  "TERM=xterm-256color PCSCLITE_CSOCK_NAME=$PCSCLITE_CSOCK_NAME TOKENBURNER_REGISTRY=$TOKENBURNER_REGISTRY $TOKENBURNER_BIN doctor; sleep 10"
tmux -S "$sock" set-option -g history-limit 200 >/dev/null 2>&1
for _ in $(seq 100); do
  tmux -S "$sock" capture-pane -p -J -S - >"$SCRATCH/tty.txt" 2>/dev/null
  grep -q "problems\? to fix\|^Ready" "$SCRATCH/tty.txt" && break
  sleep 0.1
done
tmux -S "$sock" kill-server 2>/dev/null
grep -q "ok      tty: standard input and output are a terminal" "$SCRATCH/tty.txt" || fail "tty not seen: $(cat "$SCRATCH/tty.txt")"
grep -q "ok      size: 100×30" "$SCRATCH/tty.txt" || fail "size not seen: $(grep size "$SCRATCH/tty.txt")"
grep -q "TERM=xterm-256color: 256 colours" "$SCRATCH/tty.txt" || fail "colours not seen"
echo "  doctor: stopped, running, token, registry modes and paths, locale and terminal checked"
