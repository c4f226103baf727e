# Helpers for the integration suites: sourced, not run. Each suite exits non-zero on the first
# failed expectation and says what it expected.
set -uo pipefail
: "${TOKENBURNER_BIN:?set TOKENBURNER_BIN to the built tokenburner binary}"
# shellcheck source=../private-dir.sh
source "$(dirname "${BASH_SOURCE[0]}")/../private-dir.sh"

# Under scripts/test-integration.sh, TOKENBURNER_IT_RUN_DIR is the run directory shared by every
# suite: each suite keeps its files in RUN_DIR/SUITE (not deleted on exit), every `tb` call's
# output is also appended to RUN_DIR/SUITE/transcript.txt, and the secrets a suite makes are
# listed in RUN_DIR/secrets.list (record_secret, record_backup_code). zz-leak-check.sh, the last suite, then
# searches all of it for those secrets. Files a suite hands to the program as input go under
# $INPUTS, which the leak check skips.
IT_RUN_DIR=${TOKENBURNER_IT_RUN_DIR:-}
IT_TRANSCRIPT=""
if [[ -n $IT_RUN_DIR ]]; then
  IT_SUITE_DIR="$IT_RUN_DIR/$(basename "$0" .sh)"
  # Only this user may have made it: the suite's sandboxes (a root pcscd's driver) live in it.
  private_dir_ensure "$IT_SUITE_DIR" || { echo "  FAILED: no private suite directory" >&2; exit 1; }
  IT_TRANSCRIPT="$IT_SUITE_DIR/transcript.txt"
fi

# record_secret HEX...: these keys were handed to the program in this run.
record_secret() {
  [[ -n $IT_RUN_DIR ]] || return 0
  printf '%s\n' "$@" >>"$IT_RUN_DIR/secrets.list"
}

# record_backup_code CODE...: these backup codes (or other text secrets) were issued in this run.
record_backup_code() {
  [[ -n $IT_RUN_DIR ]] || return 0
  printf 'text:%s\n' "$@" >>"$IT_RUN_DIR/secrets.list"
}

# Runs tokenburner; in a shared run, stdout and stderr also go to the transcript. A call with
# --show-secret is not transcribed: revealing the secret is what the operator asked for.
tb() {
  if [[ -z $IT_TRANSCRIPT || " $* " == *" --show-secret "* ]]; then
    "$TOKENBURNER_BIN" "$@"
    return
  fi
  local err status
  err=$(mktemp "$IT_SUITE_DIR/.stderr.XXXXXX")
  "$TOKENBURNER_BIN" "$@" 2>"$err" | tee -a "$IT_TRANSCRIPT"
  status=${PIPESTATUS[0]}
  cat "$err" >>"$IT_TRANSCRIPT"
  cat "$err" >&2
  rm -f "$err"
  return "$status"
}

fail() { echo "  FAILED: $*" >&2; exit 1; }

expect_eq() { # expected actual what
  [[ "$1" == "$2" ]] || fail "$3: expected '$1', got '$2'"
}

expect_status() { # expected-status what command...
  local want=$1 what=$2; shift 2
  "$@" >/dev/null 2>&1
  local got=$?
  [[ $got -eq $want ]] || fail "$what: expected exit $want, got $got"
}

# Random bytes as lower-case hex. The suites make every secret they hand to the program with
# this, so in a shared run each value is also recorded for the leak check.
random_hex() {
  local hex
  hex=$(head -c "$1" /dev/urandom | xxd -p -c 1000)
  record_secret "$hex"
  echo "$hex"
}

# Hex to Base32 (RFC 4648, with padding as coreutils prints it).
hex_to_base32() { echo -n "$1" | xxd -r -p | base32 -w 0; }

# Base32 (spaces allowed, padding optional) to lower-case hex.
base32_to_hex() {
  local b32=${1// /}
  while (( ${#b32} % 8 )); do b32+="="; done
  echo -n "$b32" | base32 -d | xxd -p -c 1000
}

# Sets SCRATCH to a fresh directory that is removed when the suite exits (kept, as the
# suite's directory, in a shared run), INPUTS to a directory in it for input files, and
# REVEALED to one for outputs in which the operator asked to see a secret (`--show-secret`,
# the key `seeds register` shows once, a printed sheet with a recovery key). The leak check
# skips both; everything else a suite keeps must hold no secret.
make_scratch() {
  if [[ -n $IT_RUN_DIR ]]; then
    SCRATCH=$IT_SUITE_DIR
  else
    # Under TMPDIR, not XDG_RUNTIME_DIR: some suites let an unprivileged user into it.
    SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/tokenburner-it.XXXXXX") || fail "no scratch directory"
  fi
  INPUTS="$SCRATCH/inputs"
  REVEALED="$SCRATCH/revealed"
  # The operator's real registry (the XDG data directory) is never a suite's: a command run
  # without --registry lands in the suite's own.
  export XDG_DATA_HOME="$SCRATCH/xdg-data"
  mkdir -p -m 700 "$XDG_DATA_HOME"
  mkdir -p "$INPUTS" "$REVEALED"
  trap remove_scratch EXIT
}

# Runs tokenburner for an output that shows a secret by design (not transcribed); the caller
# keeps that output under $REVEALED or nowhere.
tb_revealing() { "$TOKENBURNER_BIN" "$@"; }

remove_scratch() { [[ -n $IT_RUN_DIR ]] || rm -rf "$SCRATCH"; }

# --- The real PC/SC stack: a private pcscd with the vpcd reader, and simulated tokens. ---
SANDBOX_SCRIPT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/pcscd-sandbox.sh"
SIM_PID=""

# Starts a sandbox pcscd under $SCRATCH on a random port pair (sets VPCD_PORT) and points
# this shell's PC/SC clients at it. Everything is stopped when the suite exits.
start_stack() {
  VPCD_PORT=$(( 36000 + RANDOM % 4000 * 2 ))
  PCSC_SANDBOX_AUTO_EXIT=1 "$SANDBOX_SCRIPT" start "$SCRATCH/pcscd" "$VPCD_PORT" >/dev/null ||
    fail "the sandbox pcscd did not start"
  eval "$("$SANDBOX_SCRIPT" env "$SCRATCH/pcscd")"
  trap 'stop_sim; "$SANDBOX_SCRIPT" stop "$SCRATCH/pcscd" >/dev/null 2>&1; remove_scratch' EXIT
}

stop_stack() { "$SANDBOX_SCRIPT" stop "$SCRATCH/pcscd" >/dev/null 2>&1; }

# Starts `tokenburner simulate` with the given extra arguments on $VPCD_PORT, writing its
# status to $SIM_STATUS, and waits until the reader holds the card.
start_sim() {
  if [[ -n $SIM_PID ]]; then
    stop_sim
    wait_card absent || fail "the previous simulated token did not leave the reader"
  fi
  SIM_STATUS="$SCRATCH/sim-status.json"
  rm -f "$SIM_STATUS"
  "$TOKENBURNER_BIN" simulate --port "$VPCD_PORT" --status-file "$SIM_STATUS" "$@" >>"$SCRATCH/sim.log" 2>&1 &
  SIM_PID=$!
  wait_card present || fail "the simulated token did not appear on the reader ($*)"
  wait_status '.commands >= 0' || fail "the simulator wrote no status file"
}

stop_sim() {
  if [[ -n $SIM_PID ]]; then
    kill "$SIM_PID" 2>/dev/null
    wait "$SIM_PID" 2>/dev/null
    SIM_PID=""
  fi
}

# wait_card present|absent: polls `readers` until the vpcd slot has (or lacks) a card, 20 s max.
# (Under heavy load vpcd may briefly drop a virtual card that answered its presence poll late.)
wait_card() {
  local want=true
  [[ $1 == absent ]] && want=false
  for _ in $(seq 200); do
    [[ $(tb readers --json 2>/dev/null |
      jq -r '.readers[] | select(.name == "Virtual PCD 00 00") | .card_present') == "$want" ]] &&
      return 0
    sleep 0.1
  done
  return 1
}

# wait_token_readable: polls `info` (one GET INFO, never AUTHENTICATE) until the token on the
# reader answers, 10 s max. After a drop the reader can show the card before pcscd has powered
# it, and the simulator may still rejoin (docs/pcsc-sandbox.md); a burn started then would
# truthfully say "no card" (69) instead of exercising what the suite means to test.
wait_token_readable() {
  for _ in $(seq 50); do
    tb info --json >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  return 1
}

# wait_status JQ-EXPRESSION: polls the simulator's status file until the expression holds, 10 s max.
wait_status() {
  for _ in $(seq 100); do
    [[ -s $SIM_STATUS ]] && jq -e "$1" "$SIM_STATUS" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

# Waits for a status snapshot taken after this moment (the file is rewritten every 250 ms).
fresh_status() {
  local now
  now=$(date +%s%3N)
  wait_status ".host_time_ms > $now" || fail "the simulator status did not refresh"
}

sim() { jq -r "$1" "$SIM_STATUS"; }

# The TOTP code oathtool computes for hex secret $1 with algorithm $2, period $3 at time $4.
oath_code() { echo "$1" | oathtool --totp="$2" -s "${3}s" -N "@$4" -; }

# The simulated token's factory seed (the RFC 6238 SHA-1 test key, ASCII 1234567890 twice).
FACTORY_HEX=3132333435363738393031323334353637383930

# What the simulated token really holds, judged by its display against oathtool for the new
# secret $1 (hex, SHA-1 / 30 s) and the factory seed: burned, unchanged,
# config_written_old_seed_kept, seed_erased or other. Waits for a status newer than now.
real_state() {
  fresh_status
  local code time
  code=$(sim .code)
  time=$(sim .token_time)
  if [[ $(sim .has_seed) == false ]]; then echo seed_erased
  elif [[ $code == "$(oath_code "$1" sha1 30 "$time")" ]]; then echo burned
  elif [[ $code == "$(oath_code "$FACTORY_HEX" sha1 30 "$time")" ]]; then
    if [[ $(sim .config_writes) -gt 0 ]]; then echo config_written_old_seed_kept; else echo unchanged; fi
  else echo other; fi
}

# expect_no_secret FILE HEX...: none of the secrets appears in FILE as hex or Base32 (any case,
# with or without padding).
expect_no_secret() {
  local file=$1 hex b32; shift
  record_secret "$@"
  for hex in "$@"; do
    b32=$(hex_to_base32 "$hex" | tr -d '=')
    grep -qiF -- "$hex" "$file" && fail "secret (hex) found in $file"
    grep -qiF -- "$b32" "$file" && fail "secret (Base32) found in $file"
  done
  return 0
}

# --- A second Unix user, for what another local user could prepare. ---
OTHER_USER=tokenburner-it-other
OTHER_SUDO=()

# Makes sure the system user OTHER_USER exists (created once, no home, no login shell; kept for
# later runs) and sets OTHER_UID. As root, or through password-less sudo; otherwise the suite
# fails: these checks are not optional.
ensure_other_user() {
  if [[ $(id -u) -ne 0 ]]; then
    sudo -n true 2>/dev/null ||
      fail "a second Unix user is needed: run as root or with password-less sudo"
    OTHER_SUDO=(sudo -n)
  fi
  if ! id -u "$OTHER_USER" >/dev/null 2>&1; then
    "${OTHER_SUDO[@]}" useradd --system --no-create-home --shell /usr/sbin/nologin "$OTHER_USER" ||
      id -u "$OTHER_USER" >/dev/null 2>&1 || fail "useradd $OTHER_USER failed"
  fi
  OTHER_UID=$(id -u "$OTHER_USER")
  [[ $OTHER_UID != "$(id -u)" ]] || fail "$OTHER_USER has this user's uid"
}

# as_other COMMAND...: runs COMMAND as OTHER_USER (its uid and group, no other groups).
as_other() {
  "${OTHER_SUDO[@]}" setpriv --reuid "$OTHER_UID" --regid "$(id -g "$OTHER_USER")" --clear-groups -- "$@"
}

# A directory anyone may write to, sticky like /tmp and owned by root, that the other user can
# reach: made under /tmp (the suite directory is private), removed with everything in it (the
# test made all of it) when the suite exits. Sets SHARED.
make_shared_dir() {
  SHARED=$(mktemp -d /tmp/tokenburner-shared.XXXXXX) || fail "mktemp failed"
  "${OTHER_SUDO[@]}" chmod 1777 "$SHARED"
}
remove_shared_dir() { [[ -n ${SHARED:-} && $SHARED == /tmp/tokenburner-shared.* ]] && "${OTHER_SUDO[@]}" rm -rf -- "$SHARED"; }
